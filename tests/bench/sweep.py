#!/usr/bin/env python3
"""sweep.py - query --count --text of many words, warm, against
rg -c -i -F on the same file: the cases a few chosen words miss.  The
words are drawn from the readouts' own texts (three from each of 300
readouts, two characters from each Chinese one; the same draw every run)
with others of every kind (punctuation, quotes, digits, folded letters,
emoji, words that begin as they end; several words are all to be found
for parley, a phrase for rg: the same bytes read).  Each command is run
three times and its best time kept; the file and its index cache (the
newest in the cache directory, made by the first count) are dropped from
the page cache and read again first, so that both are held alike (as
common.sh's settle).  Prints the words furthest from rg, how many are
past 1.5x, and the median.

    python3 tests/bench/sweep.py PARLEY FILE [WORST [WORD...]]

FILE: a .jsonl (run.sh's BENCH_DIR/jsonl-SIZE/all.jsonl), its index cache
made first, in XDG_CACHE_HOME as set; WORST: how many to print (25);
WORD...: these words alone, not the draw (the worst of a sweep again).
Needs rg."""
import json, os, random, re, subprocess, sys, time

if len(sys.argv) < 3:
    sys.exit(__doc__)
parley, path = sys.argv[1], sys.argv[2]
worst = int(sys.argv[3]) if len(sys.argv) > 3 else 25

rng = random.Random(7)
with open(path, encoding='utf-8') as f:
    lines = f.readlines()
words = set()
for line in rng.sample(lines, min(300, len(lines))):
    r = json.loads(line)
    text = r.get('text') or ''
    toks = re.findall(r"\w[\w'’-]*", text)
    words.update(rng.sample(toks, min(3, len(toks))))
    if r.get('lang') == 'zh' and len(text) > 3:
        i = rng.randrange(len(text) - 3)
        words.add(text[i:i + 2])
words.update(["a", "e", "и", "的", "de la", "l'Arctique", "vice-ministres", "U.N.", "«", "»", "ÉTATS-UNIS",
              "Straße", "strasse", "İstanbul", "ﬁnance", "café", "CAFÉ", "Ⅻ", "2021-03", "sanctions", "Africa",
              "that", "dialogue", "eye", "status", "minimum", "étaient", "ее", "оно", "они", "все",
              "сотрудничество", "合作", "中俄", "🙂", "x", "q", "zz", "ab", "!", "—", "...", "nonexistentword",
              "Karo Limadenko", "the the", "de de", "sp-0001", "p1"])
words = sorted(w for w in words if w.strip())
if len(sys.argv) > 4:
    words = sys.argv[4:]


def settle(p):
    subprocess.run(['dd', 'if=' + p, 'iflag=nocache', 'count=0', 'status=none'], stderr=subprocess.DEVNULL)
    with open(p, 'rb') as f:
        while f.read(1 << 20):
            pass


def best(cmd, ok):
    t = 1e9
    for _ in range(3):
        a = time.perf_counter()
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        t = min(t, time.perf_counter() - a)
        if rc not in ok:  # (a failure is no time to compare)
            sys.exit('sweep.py: %s: exit status %d' % (' '.join(cmd), rc))
    return t * 1000


# the index cache made, then found where parley keeps it: XDG_CACHE_HOME
# when it is absolute, else ~/.cache
subprocess.run([parley, 'query', '-c', '--text', 'x', path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
xdg = os.environ.get('XDG_CACHE_HOME', '')
cache = os.path.join(xdg if xdg.startswith('/') else os.path.expanduser('~/.cache'), 'parley')
idx = [os.path.join(cache, n) for n in os.listdir(cache) if n.endswith('.idx')] if os.path.isdir(cache) else []
idx = [p for p in idx if os.path.isfile(p)]
settle(path)
if idx:
    settle(max(idx, key=os.path.getmtime))
res = []
for w in words:
    a = best([parley, 'query', '-c', '--text', w, path], (0, 1))
    b = best(['rg', '--no-config', '-c', '-i', '-F', '-e', w, path], (0, 1))
    res.append((a / b, a, b, w))
res.sort(reverse=True)
print('%d words, %s: parley, rg -c -i -F (best of 3, ms)' % (len(res), path))
for r in res[:worst]:
    print('%.2fx  %.1f  %.1f  %s' % r)
print('past 1.5x: %d of %d; median %.2fx' % (sum(1 for r in res if r[0] > 1.5), len(res), res[len(res) // 2][0]))
