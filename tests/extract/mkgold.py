#!/usr/bin/env python3
"""mkgold.py - turn a hand annotation written with quoted spans into a
parley/1 gold readout with code-point offsets.

An annotator writes NAME.src (JSON) (the readout's metadata, its speakers,
topics and agreements with their aliases, and its positions in text order,
each span given by the exact text it starts with and the exact text it ends
with) beside NAME.txt (the readout's text); this prints NAME.json:

    python3 tests/extract/mkgold.py NAME.src > NAME.json

Position: {"speaker", "first", "last", "stance", "summary", "topics",
"agreements"}: the span starts at the first occurrence of "first" after the
previous position's end and ends after the first occurrence of "last" from
there.  Mentions are made from the labels and aliases of the speakers and
agreements (annotation-guidelines.md: every occurrence, the longest form
first, whole words in scripts with spaces).  The result is checked: spans
in order, not overlapping, starting and ending on a non-space character.
An authoring aid only: the build and the tests never run it.
"""
import json, os, sys, unicodedata

def fail(msg):
    sys.exit("mkgold: %s: %s" % (sys.argv[1], msg))

def is_word(ch):
    return unicodedata.category(ch)[0] in "LNM" and not is_han(ch)

def is_han(ch):
    o = ord(ch)
    return 0x3040 <= o <= 0x30ff or 0x3400 <= o <= 0x9fff or 0xf900 <= o <= 0xfaff or 0x20000 <= o <= 0x2fa1f

def mentions(text, ents):
    forms = []
    for e in ents:
        for f in [e["label"]] + e.get("aliases", []):
            if f and f.strip():
                forms.append((f, e["id"]))
    forms.sort(key=lambda x: -len(x[0]))
    taken = [False] * len(text)
    out = []
    for f, ref in forms:
        i = text.find(f)
        while i >= 0:
            j = i + len(f)
            whole = (i == 0 or not (is_word(text[i - 1]) and is_word(f[0]))) and \
                    (j == len(text) or not (is_word(text[j]) and is_word(f[-1])))
            if whole and not any(taken[i:j]):
                for k in range(i, j):
                    taken[k] = True
                out.append({"ref": ref, "start": i, "end": j})
            i = text.find(f, i + 1)
    out.sort(key=lambda m: (m["start"], m["end"]))
    return out

def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    base = os.path.dirname(sys.argv[1])
    text = open(os.path.join(base, src.pop("text_file")), encoding="utf-8-sig").read()
    text = text.replace("\r\n", "\n").rstrip("\n")
    positions = src.pop("positions", [])
    ids = {s["id"] for s in src.get("speakers", [])}
    out = {"format": "parley/1"}
    for k in ["id", "title", "date", "place", "lang", "kind", "event", "source", "issuer", "initiator"]:
        if k in src:
            out[k] = src.pop(k)
    out["text"] = text
    for k in ["speakers", "topics", "agreements"]:
        out[k] = src.pop(k, [])
    out["mentions"] = mentions(text, out["speakers"] + out["agreements"])
    at = 0
    pos = []
    for n, p in enumerate(positions, 1):
        s = text.find(p["first"], at)
        if s < 0:
            fail("position %d: %r not found after offset %d" % (n, p["first"], at))
        e = text.find(p["last"], s)
        if e < 0:
            fail("position %d: end %r not found after its start" % (n, p["last"]))
        e += len(p["last"])
        if text[s].isspace() or text[e - 1].isspace():
            fail("position %d starts or ends on a space" % n)
        if p["speaker"] not in ids:
            fail("position %d: no speaker %r" % (n, p["speaker"]))
        q = {"id": "p%d" % n, "speaker": p["speaker"], "start": s, "end": e}
        for k in ["summary", "stance", "topics", "agreements"]:
            if p.get(k):
                q[k] = p[k]
        q["review"] = "accepted"
        q["by"] = p.get("by", "gold")
        pos.append(q)
        at = e
    out["positions"] = pos
    for k, v in src.items():
        out[k] = v
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")

main()
