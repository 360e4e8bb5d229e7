#!/usr/bin/env python3
"""Summarises the windows of a side-by-side run (pair-run.sh, or thread-cpu-pair.sh, whose windows
carry no CPU figures): each server's medians, and the median over rounds of B's change against A
(the two windows of a round run back to back)."""
import re
import statistics
import sys

rows = []
for line in open(sys.argv[1]):
    m = re.match(r"(\S+)\s+requests=\d+ threads=\d+ throughput=(\d+) req/s p50=([\d.]+) ms p99=([\d.]+) ms"
                 r"(?: req-cpu=(-?\d+) proc-cpu=(-?\d+))?", line)
    if m:
        rows.append((m[1],) + tuple(float(x) if x is not None else None for x in m.groups()[1:]))
with_cpu = all(r[4] is not None for r in rows)
changes = []
for first, second in zip(rows[0::2], rows[1::2]):
    a, b = (first, second) if first[0] == "A" else (second, first)
    changes.append((b[1] / a[1] - 1, b[3] / a[3] - 1) + ((b[4] - a[4], b[5] - a[5]) if with_cpu else ()))
for name in ("A", "B"):
    own = [r for r in rows if r[0] == name]
    line = "%s windows=%d throughput=%.0f p99=%.2f" % (
        name, len(own), statistics.median(r[1] for r in own), statistics.median(r[3] for r in own))
    if with_cpu:
        line += " request-cpu=%.0f server-cpu=%.0f" % (
            statistics.median(r[4] for r in own), statistics.median(r[5] for r in own))
    print(line)
line = "B against A, median of %d rounds: throughput %+.1f%% p99 %+.1f%%" % (
    len(changes), 100 * statistics.median(c[0] for c in changes), 100 * statistics.median(c[1] for c in changes))
if with_cpu:
    line += " request-cpu %+.0f us server-cpu %+.0f us" % (
        statistics.median(c[2] for c in changes), statistics.median(c[3] for c in changes))
print(line)
