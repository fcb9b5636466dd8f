//! Which addresses article links may reach: public ones only, checked on the resolved
//! IP (not the name) for every connection, redirects included.
//!
//! A feed is untrusted input: an item linking to `http://169.254.169.254/` or to a
//! name that resolves to 10.0.0.5 must not make slipwatch fetch inside the user's
//! network. The resolver here drops every non-public address a name resolves to;
//! literal IPs never reach a resolver, so `check_url` covers them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Whether an address is on the public internet (not loopback, private, link-local,
/// cloud metadata, CGNAT, multicast, documentation or reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let seg = ip.segments();
    // NAT64 (64:ff9b::/96) embeds an IPv4 address in its last 32 bits.
    if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
        let [.., hi, lo] = seg;
        return is_public_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (seg[0] & 0xfe00) == 0xfc00
        || (seg[0] & 0xffc0) == 0xfe80
        || (seg[0] == 0x2001 && seg[1] == 0x0db8)
        || seg[0] == 0)
}

/// Refuses a URL that names a non-public IP literal, or a scheme other than http(s).
pub fn check_url(url: &Url) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "refused: scheme {:?} is not http or https",
            url.scheme()
        ));
    }
    let ip = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(Host::Domain(d))
            if d.eq_ignore_ascii_case("localhost") || d.ends_with(".localhost") =>
        {
            return Err(format!("refused: {d} is a local address"))
        }
        _ => return Ok(()),
    };
    if is_public(ip) {
        Ok(())
    } else {
        Err(format!("refused: {ip} is not a public address"))
    }
}

/// A DNS resolver that keeps only public addresses.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = all.into_iter().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(
                    format!("refused: {host} resolves only to private or local addresses").into(),
                );
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// Whether a configured feed URL is itself on a private or local host: its articles
/// may then be fetched from private addresses too.
pub async fn is_private_host(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(v4)) => !is_public(IpAddr::V4(v4)),
        Some(Host::Ipv6(v6)) => !is_public(IpAddr::V6(v6)),
        Some(Host::Domain(d)) => {
            let port = url.port_or_known_default().unwrap_or(80);
            match tokio::net::lookup_host((d, port)).await {
                Ok(mut addrs) => addrs.any(|a| !is_public(a.ip())),
                Err(_) => false,
            }
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> bool {
        is_public(s.parse().unwrap())
    }

    #[test]
    fn private_local_and_metadata_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
        ] {
            assert!(!public(ip), "{ip} must not be public");
        }
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(public(ip), "{ip} is public");
        }
    }

    #[test]
    fn literal_private_urls_and_other_schemes_are_refused() {
        let check = |u: &str| check_url(&Url::parse(u).unwrap());
        assert!(check("http://169.254.169.254/latest/meta-data/").is_err());
        assert!(check("http://[::1]:8080/").is_err());
        assert!(check("http://localhost/").is_err());
        assert!(check("file:///etc/passwd").is_err());
        assert!(check("gopher://example.com/").is_err());
        assert!(check("https://example.com/news").is_ok());
    }
}
