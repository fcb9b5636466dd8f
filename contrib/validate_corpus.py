#!/usr/bin/env python3
"""Validate slipwatch test corpora (cases and scenarios, JSON Lines).

Usage: validate_corpus.py FILE.jsonl [...]
A file whose name contains "scenarios" is read as timelines, any other as cases.
Errors make the exit status 1; warnings are printed but do not fail.

Checks, cases:
  * every line parses as a JSON object with exactly the schema keys
    (id, published, title, text, domain, kind, expect, pattern, tags; optional fact_source);
  * ids unique (across all files given), published is RFC 3339, kind and domain known,
    text length within bounds;
  * kind agrees with expect: negative -> expect empty; announce -> no moves
    (no direction, no null date); change -> at least one move;
  * every date/previous label is valid (YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-season, YYYY)
    and its precision field matches the label;
  * date null only with a previous and direction "later"; previous_precision iff previous;
  * direction agrees with previous vs date (later/earlier/refinement inside the window);
  * subject (minus a trailing "(qualifier)") and every alias occur in text or title,
    case-insensitive; no duplicate subjects; aliases not equal to the subject;
  * date consistency with the text: for a day label the month name (or abbreviation)
    and the day number occur together in the text (or a holiday name, or the bare weekday
    when the date is within a week after published), and the weekday stated next to it
    (if any) matches; for a month label the month name occurs; for a year label the
    year or a relative year phrase occurs; the year of a day/month label is within
    [published year - 1, published year + 3];
  * a previous date may be unwritten only in a case tagged "relative" (then it warns);
  * current dates lie after published minus a small margin (warn), and weekdays written
    as "Friday, March 3" anywhere in the text match the year resolved against published.
Checks, scenarios:
  * schema keys, ids unique, 2-5 articles, published ascending, title and text present;
  * subject or some alias occurs in every article (warn) and all aliases occur somewhere;
  * expect_changes / expect_refinements labels valid; direction agrees with from/to;
    a refinement's "to" lies inside its "from".
"""
import calendar, datetime as dt, json, re, sys

DOMAINS = {"film", "tv", "music", "book", "bollywood", "game", "anime", "kpop", "kdrama"}
KINDS = {"change", "announce", "negative"}
CASE_KEYS = {"id", "published", "title", "text", "domain", "kind", "expect", "pattern", "tags"}
ENTRY_KEYS = {"subject", "aliases", "date", "precision", "previous", "previous_precision", "direction"}
SCEN_KEYS = {"id", "subject", "aliases", "domain", "articles", "expect_changes", "expect_refinements"}
SEASONS = {"spring", "summer", "fall", "winter", "holiday"}
MONTHS = [m.lower() for m in calendar.month_name[1:]]
MABBR = {1: ["jan"], 2: ["feb"], 3: ["mar"], 4: ["apr"], 5: ["may"], 6: ["jun"], 7: ["jul"],
         8: ["aug"], 9: ["sep", "sept"], 10: ["oct"], 11: ["nov"], 12: ["dec"]}
WEEKDAYS = [d.lower() for d in calendar.day_name]

HOLIDAYS = {(12, 25): ["christmas day"], (1, 1): ["new year's day"], (2, 14): ["valentine's day"],
            (10, 31): ["halloween night"], (7, 4): ["independence day", "fourth of july"],
            (12, 24): ["christmas eve"], (12, 31): ["new year's eve"]}
errors = []
warnings = []


def err(where, msg):
    errors.append(f"ERROR {where}: {msg}")


def warn(where, msg):
    warnings.append(f"warn  {where}: {msg}")


def precision_of(label):
    if label is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
        try:
            dt.date.fromisoformat(label)
        except ValueError:
            return "BAD"
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return "month" if 1 <= int(label[5:]) <= 12 else "BAD"
    if re.fullmatch(r"\d{4}-Q[1-4]", label):
        return "quarter"
    m = re.fullmatch(r"\d{4}-(\w+)", label)
    if m and m.group(1) in SEASONS:
        return "season"
    if re.fullmatch(r"\d{4}", label):
        return "year"
    return "BAD"


def interval(label):
    """Inclusive (start, end) dates of a label."""
    p = precision_of(label)
    y = int(label[:4])
    if p == "day":
        d = dt.date.fromisoformat(label)
        return d, d
    if p == "month":
        m = int(label[5:7])
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    if p == "quarter":
        q = int(label[-1])
        m0 = 3 * q - 2
        return dt.date(y, m0, 1), dt.date(y, m0 + 2, calendar.monthrange(y, m0 + 2)[1])
    if p == "season":
        s = label[5:]
        return {"spring": (dt.date(y, 3, 1), dt.date(y, 5, 31)),
                "summer": (dt.date(y, 6, 1), dt.date(y, 8, 31)),
                "fall": (dt.date(y, 9, 1), dt.date(y, 11, 30)),
                "winter": (dt.date(y, 12, 1), dt.date(y + 1, 2, 28)),
                "holiday": (dt.date(y, 11, 1), dt.date(y, 12, 31))}[s]
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def relation(prev, new):
    """'later', 'earlier', 'inside' (refinement) or 'overlap'."""
    ps, pe = interval(prev)
    ns, ne = interval(new)
    if ps <= ns and ne <= pe and (ps, pe) != (ns, ne):
        return "inside"
    if ns > pe:
        return "later"
    if ne < ps:
        return "earlier"
    if ns >= ps and ne > pe:
        return "later"
    if ns < ps and ne <= pe:
        return "earlier"
    return "overlap"


def parse_published(s):
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None


def norm(s):
    s = s.lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s)


def strip_qualifier(subject):
    return re.sub(r"\s*\([^)]*\)\s*$", "", subject)


def month_words(m):
    return [MONTHS[m - 1]] + MABBR[m]


def day_in_text(text, d):
    """Is day d (a date) written in text as month+day (either order)?"""
    t = norm(text)
    names = "|".join(re.escape(w) for w in month_words(d.month))
    day = str(d.day)
    pat1 = rf"\b(?:{names})\.?,?\s+(?:\w+day,?\s+)?0?{day}(?:st|nd|rd|th)?\b"
    pat2 = rf"\b0?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{names})\b"
    pat3 = rf"\b{d.year}-{d.month:02d}-{d.day:02d}\b|\b{d.month}/{d.day}\b|\b{d.month}\.{d.day}\b"
    hol = HOLIDAYS.get((d.month, d.day))
    if hol and any(h in t for h in hol):
        return True
    return bool(re.search(pat1, t) or re.search(pat2, t) or re.search(pat3, t))


def check_weekdays(where, text, pub):
    """'Friday, March 3' or 'Friday (March 3)' or 'on Friday March 3, 2023' must agree."""
    t = norm(text)
    mon = "|".join(sorted({w for m in range(1, 13) for w in month_words(m)}, key=len, reverse=True))
    for m in re.finditer(rf"\b({'|'.join(WEEKDAYS)}),?\s+\(?({mon})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", t):
        wd, mw, day, year = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        month = next(i for i in range(1, 13) if mw in month_words(i))
        years = [int(year)] if year else [pub.year, pub.year + 1, pub.year - 1]
        ok = False
        for y in years:
            try:
                if WEEKDAYS[dt.date(y, month, day).weekday()] == wd:
                    ok = True
                    if not year and y != pub.year:
                        # a year-less weekday date resolving to another year is suspicious
                        d = dt.date(y, month, day)
                        if abs((d - pub.date()).days) > 200:
                            warn(where, f"weekday '{m.group(0)}' only fits year {y}")
                    break
            except ValueError:
                pass
        if not ok:
            err(where, f"weekday does not match date: '{m.group(0)}' (years tried {years})")


def check_label_in_text(where, label, text, pub, what, soft=False):
    global err
    if soft:
        real = err
        err = warn
        try:
            return check_label_in_text(where, label, text, pub, what)
        finally:
            err = real
    p = precision_of(label)
    t = norm(text)
    lo, hi = interval(label)
    y = int(label[:4])
    if p in ("day", "month") and not (pub.year - 1 <= y <= pub.year + 4):
        warn(where, f"{what} {label} far from published year {pub.year}")
    if p == "day":
        wd = WEEKDAYS[lo.weekday()]
        weekday_only = 0 <= (lo - pub.date()).days <= 7 and re.search(rf"\b{wd}\b", t)
        if not day_in_text(text, lo) and not weekday_only:
            err(where, f"{what} {label}: month+day not found in text")
    elif p == "month":
        if not any(re.search(rf"\b{re.escape(w)}\b", t) for w in month_words(lo.month)):
            err(where, f"{what} {label}: month name not found in text")
    elif p == "quarter":
        q = label[-1]
        if not re.search(rf"\bq{q}\b|{['first','second','third','fourth'][int(q)-1]} quarter", t):
            warn(where, f"{what} {label}: quarter not found in text")
    elif p == "season":
        s = label[5:]
        words = {"fall": ["fall", "autumn"], "holiday": ["holiday", "christmas"]}.get(s, [s])
        if not any(w in t for w in words):
            err(where, f"{what} {label}: season word not found")
    if p in ("year", "quarter", "season", "month") or p == "day":
        rel = {pub.year: ["this year", "later this year", "this ", "later in the year"],
               pub.year + 1: ["next year", "next "]}
        if str(y) not in t and not re.search(rf"['\u2019]{str(y)[2:]}\b", t):
            hints = rel.get(y, [])
            if p == "year" and not any(h in t for h in hints):
                err(where, f"{what} {label}: year {y} not in text and no relative year phrase")
            elif p != "year" and y not in (pub.year, pub.year + 1):
                warn(where, f"{what} {label}: year {y} not written and not published year/next")


def check_case(where, d, seen, lo_words, hi_words):
    keys = set(d)
    if not CASE_KEYS <= keys:
        err(where, f"missing keys {sorted(CASE_KEYS - keys)}")
        return
    extra = keys - CASE_KEYS - {"fact_source"}
    if extra:
        err(where, f"unknown keys {sorted(extra)}")
    if d["id"] in seen:
        err(where, "duplicate id")
    seen.add(d["id"])
    pub = parse_published(d["published"])
    if pub is None or pub.tzinfo is None:
        err(where, f"published not RFC 3339: {d['published']}")
        return
    if d["kind"] not in KINDS:
        err(where, f"bad kind {d['kind']}")
    if d["domain"] not in DOMAINS:
        err(where, f"bad domain {d['domain']}")
    if not isinstance(d["tags"], list) or not d["tags"]:
        err(where, "tags must be a non-empty list")
    if not isinstance(d["pattern"], str) or not d["pattern"]:
        err(where, "pattern must be a non-empty string")
    text, title = d["text"], d["title"]
    nw = len(text.split())
    if not lo_words <= nw <= hi_words:
        err(where, f"text has {nw} words, outside {lo_words}-{hi_words}")
    check_weekdays(where, title + "\n" + text, pub)
    hay = norm(title + "\n" + text)
    moves = 0
    subjects = set()
    for i, e in enumerate(d["expect"]):
        w = f"{where} expect[{i}] {e.get('subject')!r}"
        if set(e) != ENTRY_KEYS:
            err(w, f"entry keys {sorted(e)} != {sorted(ENTRY_KEYS)}")
            continue
        s = e["subject"]
        if s in subjects:
            err(w, "duplicate subject")
        subjects.add(s)
        if norm(strip_qualifier(s)) not in hay:
            err(w, "subject not in text")
        for a in e["aliases"]:
            if norm(a) not in hay:
                err(w, f"alias {a!r} not in text")
            if norm(a) == norm(s):
                err(w, f"alias {a!r} equals subject")
        date, prev, dirn = e["date"], e["previous"], e["direction"]
        pd = precision_of(date)
        if pd == "BAD":
            err(w, f"bad date label {date}")
            continue
        if pd != e["precision"]:
            err(w, f"precision {e['precision']} does not match date {date}")
        pp = precision_of(prev)
        if pp == "BAD":
            err(w, f"bad previous label {prev}")
            continue
        if pp != e["previous_precision"]:
            err(w, f"previous_precision {e['previous_precision']} does not match {prev}")
        if dirn not in (None, "later", "earlier"):
            err(w, f"bad direction {dirn}")
        if date is None:
            if prev is None:
                err(w, "date null needs a previous")
            if dirn != "later":
                err(w, "date null needs direction later")
        if date is not None:
            check_label_in_text(w, date, text, pub, "date")
            if interval(date)[1] < pub.date() - dt.timedelta(days=1):
                warn(w, f"current date {date} already past at {d['published']}")
        if prev is not None:
            # a previous reached by a relative shift ("a week earlier") need not be written
            check_label_in_text(w, prev, text, pub, "previous", soft="relative" in d["tags"])
        if prev is not None and date is not None:
            rel = relation(prev, date)
            if rel == "inside" and dirn is not None:
                err(w, f"{prev} -> {date} is a refinement but direction is {dirn}")
            elif rel in ("later", "earlier") and dirn != rel:
                err(w, f"{prev} -> {date} is {rel} but direction is {dirn}")
            elif rel == "overlap":
                warn(w, f"{prev} -> {date} overlap; direction {dirn} is wording-based")
        if prev is None and dirn is not None and date is not None:
            warn(w, f"direction {dirn} without previous")
        if dirn is not None:
            moves += 1
    k = d["kind"]
    if k == "negative" and d["expect"]:
        err(where, "negative case with non-empty expect")
    if k == "announce" and (moves or not d["expect"]):
        err(where, "announce case must have entries and no moves")
    if k == "change" and not moves:
        err(where, "change case without a move")


def check_scenario(where, d, seen):
    keys = set(d)
    if not SCEN_KEYS <= keys:
        err(where, f"missing keys {sorted(SCEN_KEYS - keys)}")
        return
    extra = keys - SCEN_KEYS - {"fact_source", "fact_sources", "notes"}
    if extra:
        err(where, f"unknown keys {sorted(extra)}")
    if d["id"] in seen:
        err(where, "duplicate id")
    seen.add(d["id"])
    if d["domain"] not in DOMAINS:
        err(where, f"bad domain {d['domain']}")
    arts = d["articles"]
    if not 2 <= len(arts) <= 5:
        err(where, f"{len(arts)} articles, want 2-5")
    last = None
    alltext = ""
    names = [d["subject"]] + d["aliases"]
    for j, a in enumerate(arts):
        w = f"{where} article[{j}]"
        if set(a) != {"published", "title", "text"}:
            err(w, f"article keys {sorted(a)}")
            continue
        p = parse_published(a["published"])
        if p is None or p.tzinfo is None:
            err(w, "published not RFC 3339")
            continue
        if last and p <= last:
            err(w, "articles not in publication order")
        last = p
        if not a["title"]:
            err(w, "empty title")
        nw = len(a["text"].split())
        if not 40 <= nw <= 400:
            err(w, f"{nw} words")
        hay = norm(a["title"] + "\n" + a["text"])
        alltext += hay + "\n"
        if not any(norm(n) in hay for n in names):
            warn(w, "neither subject nor any alias occurs")
        check_weekdays(w, a["title"] + "\n" + a["text"], p)
    for n in names:
        if norm(n) not in alltext:
            err(where, f"name {n!r} occurs in no article")
    for c in d["expect_changes"]:
        f, t, dirn = c.get("from"), c.get("to"), c.get("direction")
        for lab in (f, t):
            if precision_of(lab) == "BAD":
                err(where, f"bad label {lab}")
        if f is None and t is None:
            err(where, "change with both ends null")
        if dirn not in ("later", "earlier"):
            err(where, f"change direction {dirn}")
        if f is not None and t is not None:
            rel = relation(f, t)
            if rel != dirn:
                err(where, f"change {f} -> {t} is {rel}, direction says {dirn}")
        if t is None and dirn != "later":
            err(where, "pull to null must be later")
    for r in d["expect_refinements"]:
        f, t = r.get("from"), r.get("to")
        if precision_of(f) in (None, "BAD") or precision_of(t) in (None, "BAD"):
            err(where, f"bad refinement labels {f} {t}")
        elif relation(f, t) != "inside":
            err(where, f"refinement {f} -> {t} is not inside")


def main(paths):
    seen = set()
    for path in paths:
        scen = "scenarios" in path
        lo, hi = (60, 320) if "everyday" in path else (80, 320)
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                where = f"{path}:{n}"
                if not line.strip():
                    err(where, "blank line")
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as e:
                    err(where, f"JSON: {e}")
                    continue
                if not isinstance(d, dict):
                    err(where, "not an object")
                    continue
                where = f"{path}:{n} {d.get('id')}"
                (check_scenario(where, d, seen) if scen else check_case(where, d, seen, lo, hi))
    for m in warnings:
        print(m)
    for m in errors:
        print(m)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
