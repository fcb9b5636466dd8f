//! Test support: a real HTTP server on 127.0.0.1 (port 0) serving feeds and pages,
//! and helpers to run the real `slipwatch` binary against it.
#![allow(dead_code)]

pub mod reading;
pub mod timeline;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Request, Response, StatusCode};

/// A request as the server saw it: path and If-None-Match.
type Seen = (String, Option<String>);

#[derive(Clone, Default)]
struct Site {
    pages: Arc<Mutex<HashMap<String, (String, String)>>>,
    log: Arc<Mutex<Vec<Seen>>>,
    /// Delay before answering an HTML page, to make polls take a while.
    html_delay_ms: Arc<std::sync::atomic::AtomicU64>,
}

/// A loopback web server whose pages a test can change while it runs.
pub struct Server {
    pub base: String,
    site: Site,
    _runtime: tokio::runtime::Runtime,
}

async fn serve(State(site): State<Site>, req: Request<Body>) -> Response<Body> {
    let path = req.uri().path().to_string();
    let inm = header(req.headers(), "if-none-match");
    site.log.lock().unwrap().push((path.clone(), inm.clone()));
    let page = site.pages.lock().unwrap().get(&path).cloned();
    let delay = site
        .html_delay_ms
        .load(std::sync::atomic::Ordering::Relaxed);
    if delay > 0 && page.as_ref().is_some_and(|(_, ct)| ct.contains("html")) {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let Some((body, ctype)) = page else {
        return Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::from("not found"))
            .unwrap();
    };
    let etag = format!(
        "\"{:x}\"",
        body.len() * 31 + body.bytes().map(usize::from).sum::<usize>()
    );
    if inm.as_deref() == Some(etag.as_str()) {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .unwrap();
    }
    Response::builder()
        .header("content-type", ctype)
        .header("etag", etag)
        .body(Body::from(body))
        .unwrap()
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

impl Server {
    pub fn start() -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let site = Site::default();
        let app = axum::Router::new().fallback(serve).with_state(site.clone());
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, app).await });
        Server {
            base,
            site,
            _runtime: runtime,
        }
    }

    pub fn put(&self, path: &str, content_type: &str, body: &str) {
        self.site.pages.lock().unwrap().insert(
            path.to_string(),
            (body.to_string(), content_type.to_string()),
        );
    }

    /// Makes every HTML page answer `ms` milliseconds late.
    pub fn slow_pages(&self, ms: u64) {
        self.site
            .html_delay_ms
            .store(ms, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Requests seen so far for `path`, each with its If-None-Match header.
    pub fn requests(&self, path: &str) -> Vec<Option<String>> {
        self.site
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, h)| h.clone())
            .collect()
    }
}

/// One RSS item.
pub struct Item<'a> {
    pub title: &'a str,
    pub link: String,
    pub pub_date: &'a str,
    pub description: &'a str,
}

pub fn rss(items: &[Item]) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Test News</title><link>http://127.0.0.1/</link><description>t</description>\n");
    for i in items {
        s.push_str(&format!(
            "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate><description><![CDATA[{}]]></description></item>\n",
            i.title, i.link, i.link, i.pub_date, i.description
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

/// A news page with navigation, a sidebar of other releases and the article itself.
pub fn page(title: &str, published: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Test News</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{published}"></head>
<body><header><nav><a href="/">Home</a> <a href="/kpop">K-pop</a> <a href="/drama">Drama</a></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Test Writer</div>
<div class="entry-content">{body}</div></article>
<aside class="sidebar trending"><h3>Trending</h3><ul><li><a href="/x">Another Show returns on June 3, 2022</a></li></ul></aside></main>
<footer>Copyright Test News</footer></body></html>"#
    )
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "slipwatch-test-{tag}-{}-{}",
            std::process::id(),
            fastrand::u64(..)
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes a feeds.toml into `dir` and returns its path.
pub fn write_config(dir: &Path, body: &str) -> PathBuf {
    let p = dir.join("feeds.toml");
    std::fs::write(&p, body).unwrap();
    p
}

pub fn slipwatch(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slipwatch"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and parses its JSON output.
pub fn json(config: &Path, args: &[&str]) -> serde_json::Value {
    let o = slipwatch(config, args);
    assert!(
        o.status.success(),
        "slipwatch {args:?} failed: {}",
        stderr(&o)
    );
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("bad JSON from {args:?}: {e}\n{}", stdout(&o)))
}

/// A raw TCP server for misbehaving peers: each connection is handed to `handler`
/// on its own thread, after the request head has been read.
pub struct RawServer {
    pub base: String,
}

impl RawServer {
    pub fn start(handler: fn(&str, std::net::TcpStream)) -> RawServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let mut conn = conn;
                    let path = read_head(&mut conn);
                    handler(&path, conn);
                });
            }
        });
        RawServer { base }
    }
}

/// Reads an HTTP request head and returns its path.
fn read_head(conn: &mut std::net::TcpStream) -> String {
    use std::io::Read;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16384 {
        match conn.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&head);
    text.split_whitespace().nth(1).unwrap_or("/").to_string()
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `slipwatch daemon` on a config; its output is discarded (an unread pipe
/// could fill and stall it).
pub fn start_daemon(cfg: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_slipwatch"))
        .arg("--config")
        .arg(cfg)
        .arg("daemon")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// A loopback webhook receiver that answers 500 to its first `fail_first` requests
/// and records every request: headers and body in `seen`, the path in `paths`.
pub struct Receiver {
    pub port: u16,
    pub seen: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    pub paths: Arc<Mutex<Vec<String>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Receiver {
    pub fn start(fail_first: usize) -> Receiver {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let seen: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
        let paths: Arc<Mutex<Vec<String>>> = Arc::default();
        let (log, path_log) = (seen.clone(), paths.clone());
        let app = axum::Router::new().fallback(
            move |uri: axum::http::Uri, headers: HeaderMap, body: String| {
                let (log, path_log) = (log.clone(), path_log.clone());
                async move {
                    path_log.lock().unwrap().push(uri.path().to_string());
                    let mut l = log.lock().unwrap();
                    l.push((headers, body));
                    if l.len() <= fail_first {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::OK
                    }
                }
            },
        );
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        runtime.spawn(async move { axum::serve(listener, app).await });
        Receiver {
            port,
            seen,
            paths,
            _runtime: runtime,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// The bodies received, parsed as JSON.
    pub fn bodies(&self) -> Vec<serde_json::Value> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(_, b)| serde_json::from_str(b).unwrap_or_else(|e| panic!("not JSON ({e}): {b}")))
            .collect()
    }
}

/// A loopback news site whose feed grows as articles are published.
pub struct News {
    pub site: Server,
    items: Vec<(String, String, String)>,
}

impl News {
    pub fn start() -> News {
        News {
            site: Server::start(),
            items: Vec::new(),
        }
    }

    pub fn publish(
        &mut self,
        path: &str,
        title: &str,
        at: chrono::DateTime<chrono::Utc>,
        paragraphs: &[&str],
    ) {
        self.site.put(
            path,
            "text/html; charset=utf-8",
            &page(title, &at.to_rfc3339(), paragraphs),
        );
        self.items
            .push((title.to_string(), self.site.url(path), at.to_rfc2822()));
        let items: Vec<Item> = self
            .items
            .iter()
            .map(|(title, link, date)| Item {
                title,
                link: link.clone(),
                pub_date: date,
                description: "news",
            })
            .collect();
        self.site
            .put("/feed.xml", "application/rss+xml", &rss(&items));
    }
}

/// A day as articles write it: "December 13, 2026".
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}
