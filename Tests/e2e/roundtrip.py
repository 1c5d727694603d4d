"""Round trips of a tricky CSV through gemba, checked field for field with Python's csv and json modules.

Run by run.py (each check is a case named roundtrip:NAME). Each check gets `run(args, stdin="")`, which
runs gemba in a sandbox folder and returns (status, stdout, stderr), and the sandbox's path; it returns
a list of problems, empty when it passed.

The fixture Tests/e2e/fixtures/tricky.csv has quoted commas, doubled quotes, embedded newlines,
non-ASCII text (accents, CJK, an emoji ZWJ sequence), leading and trailing blanks, unquoted empty
fields (null) and quoted empty fields (the empty string).
"""

import csv
import io
import json
import os

FIXTURE = "Tests/e2e/fixtures/tricky.csv"

# The fixture's rows as gemba should type them: None is null, "" the empty string.
EXPECTED = [
    {"id": 1, "name": "Ada, Countess of Lovelace", "note": 'She said "hello"', "city": "London", "amount": 12, "when": "2026-03-31"},
    {"id": 2, "name": "Zoë Ünïcödé", "note": "multi\nline\nnote", "city": "東京", "amount": -7, "when": "2026-01-01"},
    {"id": 3, "name": "emoji 🚀👩\u200d💻", "note": "", "city": "São Paulo", "amount": None, "when": "2025-12-31"},
    {"id": 4, "name": None, "note": '"quoted" start', "city": "", "amount": 0, "when": None},
    {"id": 5, "name": " leading and trailing ", "note": ",,,", "city": "Zürich", "amount": 1000000, "when": "2024-02-29"},
]


def csv_rows(text, delimiter=","):
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read(sandbox, name):
    with open(os.path.join(sandbox, name), encoding="utf-8", newline="") as f:
        return f.read()


def ran(result, what):
    status, out, err = result
    if status != 0:
        return [f"{what}: exit status {status}\n{err}"]
    if err:
        return [f"{what}: unexpected stderr\n{err}"]
    return []


def compare_rows(label, expected, actual):
    problems = []
    if len(expected) != len(actual):
        problems.append(f"{label}: {len(actual)} rows, expected {len(expected)}")
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            problems.append(f"{label}: row {i}: expected {e!r}, got {a!r}")
    return problems


def jsonl_objects(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check_fixture(run, sandbox):
    """The fixture itself says what EXPECTED says (guards against an edited fixture)."""
    rows = csv_rows(read(sandbox, FIXTURE))
    want = [list(EXPECTED[0].keys())] + [["" if v is None else str(v) for v in r.values()] for r in EXPECTED]
    return compare_rows("fixture", want, rows)


def check_csv(run, sandbox):
    """CSV in, CSV out: every field the same; then the written file read back keeps nulls and empty strings apart."""
    problems = ran(run(["-c", f".load {FIXTURE}", "-c", "tricky | take 1000", "-c", ".export out.csv"]), "export")
    if problems:
        return problems
    problems += compare_rows("csv", csv_rows(read(sandbox, FIXTURE)), csv_rows(read(sandbox, "out.csv")))
    problems += ran(result := run(["--format", "jsonl", "-c", ".load out.csv as back", "-c", "back"]), "reload")
    if not problems:
        problems += compare_rows("csv reloaded", EXPECTED, jsonl_objects(result[1]))
    return problems


def check_tsv(run, sandbox):
    """CSV in, TSV out: every field the same under the TSV dialect; read back it is the same table."""
    problems = ran(run(["-c", f".load {FIXTURE}", "-c", "tricky", "-c", ".export out.tsv"]), "export")
    if problems:
        return problems
    problems += compare_rows("tsv", csv_rows(read(sandbox, FIXTURE)), csv_rows(read(sandbox, "out.tsv"), "\t"))
    problems += ran(result := run(["--format", "jsonl", "-c", ".load out.tsv as back", "-c", "back"]), "reload")
    if not problems:
        problems += compare_rows("tsv reloaded", EXPECTED, jsonl_objects(result[1]))
    return problems


def check_json(run, sandbox):
    """CSV in, JSON array and JSON lines out: typed values, null for unquoted empty fields."""
    problems = ran(run(["-c", f".load {FIXTURE}", "-c", "tricky", "-c", ".export out.json", "-c", ".export out.jsonl"]), "export")
    if problems:
        return problems
    problems += compare_rows("json", EXPECTED, json.loads(read(sandbox, "out.json")))
    problems += compare_rows("jsonl", EXPECTED, jsonl_objects(read(sandbox, "out.jsonl")))
    return problems


def check_modes(run, sandbox):
    """The csv and tsv output modes print the same fields as the file has."""
    problems = []
    original = csv_rows(read(sandbox, FIXTURE))
    for mode, delimiter in (("csv", ","), ("tsv", "\t")):
        result = run(["--format", mode, "-c", f".load {FIXTURE}", "-c", "tricky"])
        problems += ran(result, f"--format {mode}")
        if result[0] == 0:
            problems += compare_rows(f"--format {mode}", original, csv_rows(result[1], delimiter))
    return problems


def check_once(run, sandbox):
    """.once FILE sends one result to a file, then results go back to standard output."""
    result = run(["-c", f".load {FIXTURE}", "-c", ".mode csv", "-c", ".once once.csv", "-c", "tricky", "-c", "tricky | count"])
    problems = ran(result, ".once")
    if problems:
        return problems
    if result[1] != "count\n5\n":
        problems.append(f"stdout after .once: {result[1]!r}")
    problems += compare_rows(".once", csv_rows(read(sandbox, FIXTURE)), csv_rows(read(sandbox, "once.csv")))
    return problems


CHECKS = [
    ("fixture", check_fixture),
    ("csv", check_csv),
    ("tsv", check_tsv),
    ("json", check_json),
    ("modes", check_modes),
    ("once", check_once),
]
