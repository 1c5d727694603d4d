#!/usr/bin/env python3
"""Runs the libFuzzer targets (docs/testing.md) and keeps what they find.

Usage: python3 Tests/fuzz/run.py --bin DIR [--seconds N] [--jobs J] [TARGET ...]

For each target (statement, reader, workspace; all by default), up to J at once:
  1. runs DIR/FuzzTARGET for N seconds over Tests/fuzz/TARGET/corpus/ and fresh seeds (seed.py), new
     inputs going to a scratch folder, anything that crashes, times out (10 s) or runs out of memory
     (4 GiB) to Tests/fuzz/TARGET/crashes/;
  2. merges the scratch folder into corpus/, keeping only inputs that add coverage;
  3. appends a line to Tests/fuzz/runs.tsv: date, target, seconds, runs, coverage (edges), features,
     corpus files, and the crash file or "-".
Exits 1 when any target found a crash (fix it: `make test` replays crashes/ from then on).
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = ["statement", "reader", "workspace"]
# Leak reports off (why: docs/testing.md, "Leaks"); Swift's own crash backtracer off, so ASan and
# libFuzzer report the crash themselves.
ENV = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", SWIFT_BACKTRACE="enable=no")


def fuzz(target, bin_dir, seconds, seeds):
    binary = os.path.join(bin_dir, "Fuzz" + target.capitalize())
    corpus = os.path.join(HERE, target, "corpus")
    crashes = os.path.join(HERE, target, "crashes")
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    before = set(os.listdir(crashes))
    with tempfile.TemporaryDirectory() as scratch:
        log = os.path.join(HERE, target, "last-run.log")
        with open(log, "w") as out:
            subprocess.run([binary, f"-max_total_time={seconds}", "-rss_limit_mb=4096", "-timeout=10",
                            "-max_len=8192", f"-artifact_prefix={crashes}/", "-print_final_stats=1",
                            scratch, corpus, os.path.join(seeds, target)],
                           stdout=out, stderr=subprocess.STDOUT, env=ENV)
        text = open(log, errors="replace").read()
        subprocess.run([binary, "-merge=1", "-rss_limit_mb=4096", "-timeout=10", corpus, scratch],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", text)
    found = sorted(set(os.listdir(crashes)) - before)
    row = [datetime.date.today().isoformat(), target, str(seconds), runs[-1] if runs else "?",
           cov[-1][0] if cov else "?", cov[-1][1] if cov else "?", str(len(os.listdir(corpus))),
           ",".join(found) or "-"]
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("targets", nargs="*", default=TARGETS)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as seeds:
        subprocess.run([sys.executable, os.path.join(HERE, "seed.py"), seeds], check=True)
        with ThreadPoolExecutor(args.jobs) as pool:
            rows = list(pool.map(lambda t: fuzz(t, args.bin, args.seconds, seeds), args.targets))
    table = os.path.join(HERE, "runs.tsv")
    new = not os.path.exists(table)
    with open(table, "a") as f:
        if new:
            f.write("date\ttarget\tseconds\truns\tcoverage\tfeatures\tcorpus\tcrash\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
            print(f"fuzz {row[1]}: {row[3]} runs in {row[2]} s, coverage {row[4]} edges, {row[5]} features, "
                  f"corpus {row[6]} files, crash: {row[7]}")
    sys.exit(1 if any(r[7] != "-" for r in rows) else 0)


if __name__ == "__main__":
    main()
