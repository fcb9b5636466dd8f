#!/usr/bin/env python3
"""Builds the seed corpora in fuzz/corpus/ (not committed) from ../shared/testdata."""
import datetime, gzip, json, os, random, shutil, struct

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..', 'shared', 'testdata')
CORPUS = os.path.join(HERE, 'corpus')


def out(target):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    return d


# feed_parse: every test feed under 64 KiB, as is (a first byte '<' means no HTTP charset).
d = out('feed_parse')
n = 0
for root, _, files in os.walk(os.path.join(DATA, 'feeds')):
    for f in sorted(files):
        p = os.path.join(root, f)
        if os.path.getsize(p) < 65536:
            n += 1
            shutil.copy(p, os.path.join(d, f'f{n}'))

# article_extract: the first 40 pages of the extraction set, cut at 64 KiB.
d = out('article_extract')
html = os.path.join(DATA, 'extraction', 'html')
for f in sorted(os.listdir(html))[:40]:
    with gzip.open(os.path.join(html, f)) as g, open(os.path.join(d, f[:16]), 'wb') as o:
        o.write(g.read()[:65536])

# date_extract: i32 LE days after 2000-01-01, i8 UTC offset in quarter hours, text.
d = out('date_extract')
base = datetime.date(2000, 1, 1)


def seed(name, day, text, quarters=0):
    with open(os.path.join(d, name), 'wb') as f:
        f.write(struct.pack('<ib', (day - base).days, quarters) + text.encode())


lines = open(os.path.join(HERE, 'seeds', 'date_extract', 'sentences.txt')).read().splitlines()
for i, line in enumerate(lines):
    seed(f'news{i:02}', datetime.date(2022, 4, 21), line, 36)
seed('article', datetime.date(2024, 6, 1), 'Dune delayed\n' + ' '.join(lines))
random.seed(5)
duck = [json.loads(l) for l in open(os.path.join(DATA, 'dates', 'duckling_en_dates.jsonl'))]
for i, x in enumerate(random.sample(duck, 150)):
    seed(f'duck{i:03}', datetime.date(2013, 2, 12), f"The film will be released {x['text']}.", -8)
