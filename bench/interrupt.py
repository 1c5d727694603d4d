#!/usr/bin/env python3
"""Ctrl-C during each benchmark query (issue 5: "Ctrl-C still cancels each of these queries within
0.2 s"). A release gemba at its prompt (in a pseudo-terminal) loads the tables once; then for each
query and each delay, the query is typed, Ctrl-C is sent that long after, and the time from Ctrl-C to
the next prompt is measured. A query that ends before Ctrl-C arrives also brings the prompt back: the
report says which happened ("interrupted" printed or not).

`make bench` calls measure() (bench/run.py); on its own:
    bench/interrupt.py GEMBA_BINARY ALLOCATIONS_CSV ITEMS_CSV
"""
import os
import sys
import tempfile
import time

LIMIT = 0.2
DELAYS = (0.005, 0.03, 0.1)
PROMPT = "gemba> "


def measure(gemba, allocations_csv, items_csv, queries):
    """{query name: [(delay, seconds to the prompt, interrupted?)]}."""
    import pexpect
    home = tempfile.mkdtemp(prefix="gemba-interrupt-")
    env = dict(os.environ, HOME=home, GEMBA_HISTORY=os.path.join(home, "history"), TERM="dumb")
    p = pexpect.spawn(gemba, ["--no-init"], env=env, encoding="utf-8", timeout=600, dimensions=(40, 200))
    p.delaybeforesend = None  # pexpect waits 50 ms before each send by default
    p.expect_exact(PROMPT)
    for line in (f".load {allocations_csv} as allocations", f".load {items_csv} as items", ".mode csv"):
        p.sendline(line)
        p.expect_exact(PROMPT)
    out = {}
    for name, query in queries:
        rows = []
        for k, delay in enumerate(DELAYS):
            p.sendline(query)
            time.sleep(delay)
            start = time.monotonic()
            p.send("\x03")
            p.expect_exact(PROMPT)
            took = time.monotonic() - start
            interrupted = "interrupted" in p.before
            # Back in step: a Ctrl-C that came after the query ended gave a prompt of its own, and the
            # first prompt may then have been the query's, seen before Ctrl-C (so the time means
            # nothing and the query counts as ended). A marker statement shows where the output is.
            marker = f"SYNC{name}{k}"
            p.sendline(f'range(1, 1, 1) | project m = "{marker}"')
            p.expect_exact(marker + "\r\n")
            p.expect_exact(PROMPT)
            rows.append((delay, took, interrupted))
            if os.environ.get("GEMBA_DEBUG"):
                print(name, delay, f"{took * 1000:.1f} ms", interrupted)
        out[name] = rows
    p.sendline(".quit")
    p.expect(pexpect.EOF)
    return out


def lines(result):
    """Per query: the slowest return to the prompt after an interrupting Ctrl-C, how many of the
    Ctrl-Cs interrupted, ok or not."""
    for name, rows in result.items():
        worst = max([t for _, t, hit in rows if hit], default=0.0)
        yield name, worst, sum(1 for r in rows if r[2]), len(rows), worst <= LIMIT


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from run import QUERIES
    r = measure(sys.argv[1], sys.argv[2], sys.argv[3], [(q[0], q[1]) for q in QUERIES])
    for name, worst, hit, n, ok in lines(r):
        print(f"{name}: prompt back within {worst * 1000:.0f} ms of Ctrl-C ({hit} of {n} interrupted) {'ok' if ok else 'TOO SLOW'}")
