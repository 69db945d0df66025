#!/usr/bin/env python3
"""split.py - the peer of `parley extract` in the benchmark: reads each
readout's text and splits it into sentences, the least any extractor
does.  Prints the count of sentences."""
import re, sys

END = re.compile(r'(?<=[.!?。！？])["”»）)]*\s+|(?<=[。！？])')
n = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8-sig') as f:
        for para in f.read().split('\n'):
            n += len([s for s in END.split(para) if s.strip()])
print(n)
