#!/usr/bin/env python3
"""Builds the seed inputs for the fuzz targets into OUT/statement, OUT/reader and OUT/workspace.

Usage: python3 Tests/fuzz/seed.py OUT

`make fuzz` merges these into Tests/fuzz/TARGET/corpus/ (libFuzzer keeps only inputs that add coverage),
so the committed corpus starts from everything the project already tests:
  statement  every query in Tests/conformance/*.test (after the `let`s its file made before it) and the
             e2e scripts;
  reader     every CSV/TSV/JSON file under Tests/ and the head of each datasets/ file, each behind the
             byte that picks its reader (0 CSV, 1 TSV, 2 JSON lines, 3 JSON array);
  workspace  every Tests/badinput/files/ws/*.sql turned into a database, and a workspace saved by gemba.
"""

import glob
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "badinput"))
from run import sql_to_database  # noqa: E402  (the bad workspaces are SQL text; one way to build them)


def write(folder, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def conformance_queries():
    """Yields each query record of each conformance file, after the file's earlier `let`s."""
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/conformance/*.test"))):
        lets = []
        records = open(path, encoding="utf-8").read().split("\n\n")
        for record in records:
            lines = [l for l in record.splitlines() if not l.startswith("#")]
            if not lines:
                continue
            head, body = lines[0].split(" #")[0].strip(), lines[1:]
            text = "\n".join(body).split("\n----")[0].strip()
            if not text:
                continue
            if head.startswith("statement"):
                lets.append(text)
            elif head.startswith("query") or head.startswith("error"):
                yield "\n".join(lets + [text]) + "\n"


def main(out):
    for q in conformance_queries():
        write(os.path.join(out, "statement"), q.encode())
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/e2e/cases/*.gmb"))):
        write(os.path.join(out, "statement"), open(path, "rb").read())

    kinds = {".csv": 0, ".tsv": 1, ".tab": 1, ".jsonl": 2, ".ndjson": 2, ".json": 3}
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/**/*.*"), recursive=True)):
        ext = os.path.splitext(path)[1]
        if ext in kinds and os.path.isfile(path) and os.path.getsize(path) < 64 * 1024:
            write(os.path.join(out, "reader"), bytes([kinds[ext]]) + open(path, "rb").read())
    for path in sorted(glob.glob(os.path.join(ROOT, "datasets/*.csv"))):
        head = b"".join(open(path, "rb").readlines()[:40])
        write(os.path.join(out, "reader"), bytes([0]) + head)

    tmp = os.path.join(out, "tmp.db")
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/badinput/files/ws/*.sql"))):
        if os.path.exists(tmp):
            os.remove(tmp)
        sql_to_database(path, tmp)
        write(os.path.join(out, "workspace"), open(tmp, "rb").read())
    os.remove(tmp)


if __name__ == "__main__":
    main(sys.argv[1])
