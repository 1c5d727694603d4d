#!/usr/bin/env python3
"""gemba's benchmark: eight queries timed in gemba, DuckDB and SQLite on generated data.

Usage: bench/.venv/bin/python bench/run.py [--gemba PATH]      (what `make bench` runs)

Needs the `duckdb` Python package (make bench installs it into bench/.venv). Settings come from the
environment; counts take suffixes (10M, 250k):

  GEMBA_BENCH_ROWS          allocation rows of the main run (10M)
  GEMBA_BENCH_ITEMS         item rows (1M)
  GEMBA_BENCH_SCALES        allocation rows of the scaling runs, comma-separated (ROWS/10, ROWS, 3*ROWS);
                            "none" runs only ROWS
  GEMBA_BENCH_RUNS          timed runs per query, after one warm-up (5)
  GEMBA_BENCH_SQLITE_ROWS   allocation rows SQLite gets (1M; 0 leaves SQLite out)
  GEMBA_BENCH_SEED          the generator's seed (1)
  GEMBA_BENCH_THREADS       DuckDB's threads (2)
  GEMBA_BENCH_DATA          where generated CSV is cached (bench/data)
  GEMBA_BENCH_RESULTS       the report (bench/results.md)
  GEMBA_BENCH_TIMEOUT       seconds one gemba process may take (7200)
  GEMBA_BENCH_FLUSH_MB      MiB each engine scans before every timed run, to start it with a cold cache
                            (twice the last-level cache; 0 turns it off)

For each size the script runs every query 1 + RUNS times in ONE gemba process (`--format csv`, the
tables loaded once, `.timer on`: the time is gemba's own whole-statement wall time, printing excluded)
and in DuckDB in this process (wall time of execute + fetchall), takes the medians, and checks that
gemba's answers equal DuckDB's (numbers to 12 significant digits; row order only where the query
sorts). Any difference, or a gemba error, makes the run fail with status 1 after the report is written.
"""

import argparse
import csv
import datetime
import decimal
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import flow  # noqa: E402  (bench/flow.py: flow over a generated organisation)
import interrupt  # noqa: E402  (bench/interrupt.py: Ctrl-C during each query)
import utilization  # noqa: E402  (bench/utilization.py: utilization over a generated organisation)
import workspace  # noqa: E402  (bench/workspace.py: workspace save and open)
ROOT = os.path.dirname(HERE)

# (name, gemba, DuckDB SQL, SQLite SQL, sorted?)
QUERIES = [
    ("Q1",
     "allocations | summarize sum(hours), count() by team",
     "SELECT team, sum(hours), count(*) FROM allocations GROUP BY team",
     None, False),
    ("Q2",
     "allocations | summarize sum(hours * rate) by project, role",
     "SELECT project, role, sum(hours * rate) FROM allocations GROUP BY project, role",
     None, False),
    ("Q3",
     "allocations | summarize avg(hours), dcount(person) by team",
     "SELECT team, avg(hours), count(DISTINCT person) FROM allocations GROUP BY team",
     None, False),
    ("Q4",
     "allocations | where day between (@2024-03-01 .. @2024-09-30) and billable | summarize sum(hours) by person",
     "SELECT person, sum(hours) FROM allocations WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-09-30' AND billable "
     "GROUP BY person",
     "SELECT person, sum(hours) FROM allocations WHERE day BETWEEN '2024-03-01' AND '2024-09-30' AND billable "
     "GROUP BY person", False),
    # gemba's percentile is nearest rank (the value at 1-based position ceil(p/100 * n)); so is DuckDB's
    # quantile_disc (checked against that definition for n = 1..400 and ten values of p).
    ("Q5",
     "allocations | summarize percentile(hours, 85), median(hours) by team",
     "SELECT team, quantile_disc(hours, 0.85), median(hours) FROM allocations GROUP BY team",
     # SQLite has neither: ranks by window functions, nearest rank ceil(85 n / 100) in integers.
     "SELECT team, max(CASE WHEN rn = (85 * n + 99) / 100 THEN hours END), "
     "avg(CASE WHEN rn IN ((n + 1) / 2, n / 2 + 1) THEN hours END) "
     "FROM (SELECT team, hours, row_number() OVER (PARTITION BY team ORDER BY hours) AS rn, "
     "count(*) OVER (PARTITION BY team) AS n FROM allocations) GROUP BY team", False),
    ("Q6",
     "allocations | join (items) on item_id | summarize sum(hours) by type",
     "SELECT i.type, sum(a.hours) FROM allocations a JOIN items i ON a.item_id = i.item_id GROUP BY i.type",
     None, False),
    # Ties on hours are broken by alloc_id.
    ("Q7",
     "allocations | top 10 by hours, alloc_id asc",
     "SELECT * FROM allocations ORDER BY hours DESC, alloc_id ASC LIMIT 10",
     "SELECT alloc_id, item_id, person, team, project, role, day, hours, rate, "
     "CASE WHEN billable THEN 'true' ELSE 'false' END FROM allocations ORDER BY hours DESC, alloc_id ASC LIMIT 10",
     True),
    ("Q8",
     'allocations | where person == "p0042" | count',
     "SELECT count(*) FROM allocations WHERE person = 'p0042'",
     None, False),
]

# The targets, gemba / DuckDB at 10M allocations (load: time; memory: peak with both tables).
TARGETS = {"Q1": 0.25, "Q2": 0.5, "Q3": 0.5, "Q4": 0.5, "Q5": 0.5, "Q6": 0.75, "Q7": 0.5, "Q8": 0.5,
           "load": 1.0, "memory": 1.0}
TARGET_ROWS = 10_000_000


def target_check(what, gemba, duckdb, s, problems):
    """'met' or 'MISSED' for gemba / DuckDB against the target; a miss at the targets' size is a problem."""
    if not gemba or not duckdb:
        return "–"
    ratio = gemba / duckdb
    if ratio <= TARGETS[what]:
        return "met"
    if s.rows >= TARGET_ROWS:
        problems.append(f"{what}: gemba / DuckDB = {ratio:.2f}, above the target of {TARGETS[what]}")
    return "MISSED"


TIME_LINE = re.compile(r"^Run Time: real ([0-9]+\.[0-9]+) s$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


# ---------------------------------------------------------------------------------------------- settings

def count_env(name, default):
    text = os.environ.get(name, "").strip()
    return parse_count(text, name) if text else default


def parse_count(text, what):
    t = text.replace("_", "").lower()
    scale = {"k": 10**3, "m": 10**6, "g": 10**9}.get(t[-1:], 1)
    if scale != 1:
        t = t[:-1]
    try:
        n = float(t) * scale
    except ValueError:
        sys.exit(f"bench: {what}: not a row count: {text!r}")
    if n < 0 or n != int(n):
        sys.exit(f"bench: {what}: not a row count: {text!r}")
    return int(n)


class Settings:
    def __init__(self, gemba):
        self.gemba = os.path.abspath(gemba)
        self.rows = count_env("GEMBA_BENCH_ROWS", 10_000_000)
        self.items = count_env("GEMBA_BENCH_ITEMS", 1_000_000)
        scales = os.environ.get("GEMBA_BENCH_SCALES", "").strip()
        if scales.lower() == "none":
            self.scales = [self.rows]
        elif scales:
            self.scales = sorted({parse_count(s.strip(), "GEMBA_BENCH_SCALES") for s in scales.split(",") if s.strip()}
                                 | {self.rows})
        else:
            self.scales = sorted({max(1, self.rows // 10), self.rows, 3 * self.rows})
        self.runs = max(1, count_env("GEMBA_BENCH_RUNS", 5))
        self.sqlite_rows = count_env("GEMBA_BENCH_SQLITE_ROWS", 1_000_000)
        self.seed = count_env("GEMBA_BENCH_SEED", 1)
        self.threads = count_env("GEMBA_BENCH_THREADS", 2)
        self.data = os.path.abspath(os.environ.get("GEMBA_BENCH_DATA", os.path.join(HERE, "data")))
        self.results = os.path.abspath(os.environ.get("GEMBA_BENCH_RESULTS", os.path.join(HERE, "results.md")))
        self.timeout = count_env("GEMBA_BENCH_TIMEOUT", 7200)
        self.flush_rows = count_env("GEMBA_BENCH_FLUSH_MB", 2 * last_level_cache_mib()) * (1 << 20) // 8
        self.load_before = load_average()


def last_level_cache_mib():
    """The largest CPU cache in MiB (32 on these machines), from sysfs."""
    sizes = []
    base = "/sys/devices/system/cpu/cpu0/cache"
    for entry in os.listdir(base) if os.path.isdir(base) else []:
        try:
            text = open(os.path.join(base, entry, "size")).read().strip()
        except OSError:
            continue
        m = re.match(r"^(\d+)([KMG]?)$", text)
        if m:
            sizes.append(int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)] / (1 << 20))
    return max(1, int(max(sizes, default=32)))


def say(*args):
    print(*args, flush=True)


# ------------------------------------------------------------------------------------------------- data

def generator_fingerprint(s):
    """A hash of a small sample from the generator, so cached files are remade when it changes."""
    with tempfile.TemporaryDirectory(prefix="gemba-bench-") as tmp:
        subprocess.run([s.gemba, "generate", "--allocations", "2000", "--items", "500", "--seed", str(s.seed),
                        "--out", tmp, "--quiet"], check=True)
        h = hashlib.sha256()
        for name in ("items.csv", "allocations.csv"):
            with open(os.path.join(tmp, name), "rb") as f:
                h.update(f.read())
        return h.hexdigest()[:16]


def ensure_data(s):
    """Generates (or reuses) items.csv and one allocations.csv per size; returns their paths."""
    base = os.path.join(s.data, f"seed{s.seed}-items{s.items}")
    os.makedirs(base, exist_ok=True)
    stamp = os.path.join(base, "generator")
    fingerprint = generator_fingerprint(s)
    if not os.path.exists(stamp) or open(stamp).read().strip() != fingerprint:
        if os.listdir(base):
            say(f"the generator changed: regenerating {base}")
        shutil.rmtree(base)
        os.makedirs(base)
        with open(stamp, "w") as f:
            f.write(fingerprint + "\n")
    generated = {}
    items = os.path.join(base, "items.csv")
    if not os.path.exists(items):
        generated["items"] = generate(s, ["--allocations", "0", "--items", str(s.items), "--out", base])
    allocations = {}
    # SQLite reads the first rows of the smallest file that is large enough (see sqlite_source).
    needed = set(s.scales) | ({s.sqlite_rows} if s.sqlite_rows > max(s.scales) else set())
    for n in sorted(needed):
        folder = os.path.join(base, f"allocations{n}")
        path = os.path.join(folder, "allocations.csv")
        if not os.path.exists(path):
            generated[n] = generate(s, ["--allocations", str(n), "--items", str(s.items), "--no-items",
                                        "--out", folder])
        allocations[n] = path
    return items, allocations, generated


def generate(s, args):
    say("gemba generate " + " ".join(args))
    out = subprocess.run([s.gemba, "generate", "--seed", str(s.seed)] + args, check=True,
                         capture_output=True, text=True).stdout
    sys.stdout.write(out)
    return out.strip()


def sqlite_source(allocations, n):
    """The smallest allocations file with at least n rows (a larger file's first n rows are the n-row file)."""
    sizes = sorted(m for m in allocations if m >= n)
    return allocations[sizes[0]]


# ------------------------------------------------------------------------------------------------ gemba

def gemba_queries(s, allocations_csv, items_csv, workdir):
    """Runs every query 1 + runs times in one gemba process. Returns ({name: [seconds]}, {name: rows},
    peak RSS in KiB, error text or None)."""
    lines = [f".load {allocations_csv} as allocations", f".load {items_csv} as items"]
    # Untimed, before each timed run: a scan of more memory than the cache holds.
    flush = [".timer off", f"range(1, {s.flush_rows}, 1) | summarize sum(value)", ".timer on"] if s.flush_rows else [".timer on"]
    for name, gemba, _, _, _ in QUERIES:
        lines += [f".once {os.path.join(workdir, name + '.csv')}", ".timer on", gemba, ".output /dev/null"]
        lines += (flush + [gemba]) * s.runs
        lines += [".output"]
    script = os.path.join(workdir, "bench.gmb")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    err_path = os.path.join(workdir, "stderr.txt")
    with open(err_path, "w") as err:
        proc = subprocess.Popen([s.gemba, "--format", "csv", "-f", script], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        start = time.monotonic()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > s.timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status)
    stderr = open(err_path).read()
    times = [float(m.group(1)) for m in map(TIME_LINE.match, stderr.splitlines()) if m]
    others = [l for l in stderr.splitlines() if not TIME_LINE.match(l)]
    per_query = 1 + s.runs
    result, answers = {}, {}
    for i, (name, *_rest) in enumerate(QUERIES):
        chunk = times[i * per_query:(i + 1) * per_query]
        if len(chunk) == per_query:
            result[name] = chunk[1:]
            with open(os.path.join(workdir, name + ".csv"), newline="") as f:
                answers[name] = list(csv.reader(f))[1:]
    error = None
    if code != 0 or others:
        failed = QUERIES[len(times) // per_query][0] if len(times) // per_query < len(QUERIES) else "?"
        error = f"gemba exited with status {code} (at {failed}): " + "\n".join(others).strip()
        if code == -9:
            error = f"gemba took more than {s.timeout} s (GEMBA_BENCH_TIMEOUT) and was stopped (at {failed})"
    return result, answers, usage.ru_maxrss, error


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0])  # kB
    return fields


def gemba_load(s, allocations_csv, items_csv):
    """Loads both tables in a fresh gemba that then waits on standard input; returns (seconds for
    allocations, seconds for items, {VmHWM, VmRSS} in kB). The loads are timed between marker results
    gemba prints before and after each one."""
    args = [s.gemba, "--format", "csv", "-c", "range(1, 1, 1)", "-c", f".load {allocations_csv} as allocations",
            "-c", "range(2, 2, 1)", "-c", f".load {items_csv} as items", "-c", "range(3, 3, 1)", "-i"]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    marks = {}
    for line in proc.stdout:
        text = line.decode().strip()
        if text in ("1", "2", "3"):
            marks[text] = time.perf_counter()
            if text == "3":
                break
    status = proc_status(proc.pid) if "3" in marks else {}
    proc.stdin.close()
    err = proc.stderr.read().decode()
    proc.wait()
    if "3" not in marks or proc.returncode != 0:
        raise RuntimeError(f"gemba could not load the tables (status {proc.returncode}): {err.strip()}")
    return marks["2"] - marks["1"], marks["3"] - marks["2"], status


# ----------------------------------------------------------------------------------------------- DuckDB

DUCKDB_LOAD = """
import duckdb, json, sys, time
def status():
    out = {}
    for line in open('/proc/self/status'):
        k, _, v = line.partition(':')
        if k in ('VmHWM', 'VmRSS'):
            out[k] = int(v.split()[0])
    return out
con = duckdb.connect()
con.execute('SET threads=%d' % int(sys.argv[3]))
con.execute('SET enable_progress_bar=false')
before = status()
t0 = time.perf_counter()
con.execute('CREATE TABLE allocations AS SELECT * FROM read_csv(?)', [sys.argv[1]])
t1 = time.perf_counter()
con.execute('CREATE TABLE items AS SELECT * FROM read_csv(?)', [sys.argv[2]])
t2 = time.perf_counter()
print(json.dumps({'allocations': t1 - t0, 'items': t2 - t1, 'before': before, 'after': status()}))
"""


def duckdb_load(s, allocations_csv, items_csv):
    """Loads both tables in a separate Python process; returns its timings and memory."""
    out = subprocess.run([sys.executable, "-c", DUCKDB_LOAD, allocations_csv, items_csv, str(s.threads)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def duckdb_queries(s, duckdb, allocations_csv, items_csv):
    con = duckdb.connect()
    con.execute(f"SET threads={s.threads}")
    con.execute("SET enable_progress_bar=false")
    con.execute("CREATE TABLE allocations AS SELECT * FROM read_csv(?)", [allocations_csv])
    con.execute("CREATE TABLE items AS SELECT * FROM read_csv(?)", [items_csv])
    times, answers = timed_sql(s, con, [(name, sql) for name, _, sql, _, _ in QUERIES],
                               f"SELECT random() AS x FROM range({s.flush_rows})")
    con.close()
    return times, answers


def timed_sql(s, con, queries, make_flush):
    """Each (name, sql) once for its answer, then s.runs timed runs (execute + fetchall), for a
    DB-API connection (DuckDB's or sqlite3's), each after an untimed scan of a table larger than the
    cache (`make_flush` selects its column x: random numbers, which no engine compresses)."""
    times, answers = {}, {}
    if s.flush_rows:
        con.execute(f"CREATE TEMP TABLE cache_flush AS {make_flush}")
    for name, sql in queries:
        answers[name] = con.execute(sql).fetchall()
        runs = []
        for _ in range(s.runs):
            if s.flush_rows:
                con.execute("SELECT max(x) FROM cache_flush").fetchall()
            t = time.perf_counter()
            con.execute(sql).fetchall()
            runs.append(time.perf_counter() - t)
        times[name] = runs
    return times, answers


# ----------------------------------------------------------------------------------------------- SQLite

def sqlite_queries(s, allocations_csv, items_csv, n):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE allocations (alloc_id INTEGER, item_id INTEGER, person TEXT, team TEXT, project TEXT, "
                "role TEXT, day TEXT, hours REAL, rate REAL, billable INTEGER)")
    con.execute("CREATE TABLE items (item_id INTEGER PRIMARY KEY, type TEXT, team TEXT, state TEXT, priority INTEGER, "
                "created TEXT, started TEXT, done TEXT, estimate INTEGER, value INTEGER)")

    def rows(path, limit, convert):
        with open(path, newline="") as f:
            r = csv.reader(f)
            next(r)
            for i, row in enumerate(r):
                if limit is not None and i >= limit:
                    break
                yield convert(row)

    def allocation(r):
        return (int(r[0]), int(r[1]), r[2], r[3], r[4], r[5], r[6], float(r[7]), float(r[8]), r[9] == "true")

    def item(r):
        return (int(r[0]), r[1], r[2], r[3], int(r[4]), r[5], r[6] or None, r[7] or None,
                int(r[8]) if r[8] else None, int(r[9]) if r[9] else None)

    t = time.perf_counter()
    con.executemany("INSERT INTO allocations VALUES (?,?,?,?,?,?,?,?,?,?)", rows(allocations_csv, n, allocation))
    con.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?)", rows(items_csv, None, item))
    con.commit()
    load = time.perf_counter() - t
    times, answers = timed_sql(s, con, [(name, sqlite_sql or sql) for name, _, sql, sqlite_sql, _ in QUERIES],
                               f"WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {s.flush_rows}) "
                               "SELECT random() AS x FROM r")
    con.close()
    return times, answers, load


# ------------------------------------------------------------------------------------------- comparison

def cell_text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    return str(v)


def cell(text):
    """A value to compare: a float for a number, else the text."""
    return float(text) if NUMBER.match(text) else text


def sort_key(row):
    return [(0, f"{c:.9e}") if isinstance(c, float) else (1, c) for c in row]


def same_cell(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))  # 12 significant digits
    return a == b


def compare(gemba_rows, duck_rows, ordered):
    """None when the answers agree, else a description of the first difference."""
    g = [[cell(c) for c in row] for row in gemba_rows]
    d = [[cell(cell_text(c)) for c in row] for row in duck_rows]
    if len(g) != len(d):
        return f"{len(g)} rows in gemba, {len(d)} in DuckDB"
    if not ordered:
        g.sort(key=sort_key)
        d.sort(key=sort_key)
    for i, (a, b) in enumerate(zip(g, d)):
        if len(a) != len(b) or not all(same_cell(x, y) for x, y in zip(a, b)):
            return f"row {i + 1}{'' if ordered else ' (sorted)'}: gemba {a}, DuckDB {b}"
    return None


def answer_text(rows, limit=12):
    shown = [",".join(cell_text(c) for c in row) for row in rows[:limit]]
    return "\n".join(shown) + (f"\n... ({len(rows)} rows)" if len(rows) > limit else "")


# ----------------------------------------------------------------------------------------------- report

def code(text):
    """Inline code in a Markdown table cell (pipes escaped)."""
    return "`" + text.replace("|", "\\|") + "`"


def ms(seconds):
    if seconds is None:
        return "–"
    v = seconds * 1000
    return f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 1000 else f"{v:,.0f}"


def med(runs):
    return statistics.median(runs) if runs else None


def rows_text(n):
    for size, suffix in ((10**9, "G"), (10**6, "M"), (10**3, "k")):
        if n >= size and n % (size // 10) == 0:
            v = n / size
            return f"{v:g}{suffix}"
    return f"{n:,}"


def machine(s, duckdb):
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 1024 / 1024
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
        swift = next((l.strip() for l in swift if "Swift version" in l), "unknown")
    except OSError:
        swift = "unknown"
    try:
        commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True,
                                text=True).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable)"),
        ("memory", f"{mem:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("swift", swift),
        ("gemba", f"{commit} (release build)"),
        ("DuckDB", f"{duckdb.__version__} (Python package, SET threads={s.threads})"),
        ("SQLite", f"{sqlite3.sqlite_version} (Python {platform.python_version()} sqlite3, in memory)"),
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("load average", f"{s.load_before} before the run, {load_average()} after (1, 5, 15 minutes)"),
    ]


def scaling_steps(sizes, times):
    """gemba's time growth between consecutive sizes, and whether it is no faster than the row count's
    (15% slack for noise) at every step."""
    steps, ok = [], True
    for a, b in zip(sizes, sizes[1:]):
        if times.get(a) and times.get(b):
            growth = times[b] / times[a]
            steps.append(f"×{growth:.1f}")
            ok = ok and growth <= 1.15 * b / a
        else:
            steps.append("–")
            ok = False
    return " / ".join(steps), "yes" if ok else "NO"


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gemba", default=os.path.join(ROOT, ".build", "release", "gemba"))
    s = Settings(parser.parse_args().gemba)
    try:
        import duckdb
    except ImportError:
        sys.exit("bench: the duckdb Python package is missing (make bench installs it into bench/.venv)")
    if not os.access(s.gemba, os.X_OK):
        sys.exit(f"bench: no gemba at {s.gemba} (swift build -c release)")

    say(f"bench: {rows_text(s.rows)} allocations, {rows_text(s.items)} items, scales "
        f"{', '.join(rows_text(n) for n in s.scales)}, {s.runs} runs after a warm-up, seed {s.seed}")
    if float(s.load_before.split()[0]) > 0.5:
        say(f"bench: note: the machine is busy (load average {s.load_before}): times will be noisy")
    items_csv, allocations, generated = ensure_data(s)

    problems = []        # answers that differ, gemba errors
    gemba_t, duck_t = {}, {}      # size -> {query: median seconds}
    duck_answers = {}             # size -> {query: rows}
    peak_query_kb = None
    for n in s.scales:
        say(f"\n== {rows_text(n)} allocation rows")
        with tempfile.TemporaryDirectory(prefix="gemba-bench-") as work:
            say("gemba ...")
            g_times, g_answers, peak_kb, error = gemba_queries(s, allocations[n], items_csv, work)
        if n == s.rows:
            peak_query_kb = peak_kb
        if error:
            problems.append(f"{rows_text(n)} rows: {error}")
            say("  " + error)
        say("DuckDB ...")
        d_times, d_answers = duckdb_queries(s, duckdb, allocations[n], items_csv)
        duck_answers[n] = d_answers
        gemba_t[n] = {q: med(r) for q, r in g_times.items()}
        duck_t[n] = {q: med(r) for q, r in d_times.items()}
        for name, gemba, sql, _, ordered in QUERIES:
            if name not in g_answers:
                continue
            diff = compare(g_answers[name], d_answers[name], ordered)
            if diff:
                problems.append(f"{rows_text(n)} rows, {name} `{gemba}`: answers differ: {diff}\n"
                                f"gemba:\n{answer_text(g_answers[name])}\nDuckDB:\n{answer_text(d_answers[name])}")
                say(f"  {name}: ANSWERS DIFFER: {diff}")
        for name, *_ in QUERIES:
            say(f"  {name}: gemba {ms(gemba_t[n].get(name)):>9} ms   DuckDB {ms(duck_t[n].get(name)):>9} ms")

    say(f"\n== load and memory ({rows_text(s.rows)} allocations, {rows_text(s.items)} items)")
    g_load = gemba_load(s, allocations[s.rows], items_csv)
    d_load = duckdb_load(s, allocations[s.rows], items_csv)
    say(f"gemba:  allocations {g_load[0]:.2f} s, items {g_load[1]:.2f} s, peak {g_load[2].get('VmHWM', 0) / 1024:.0f} MiB")
    say(f"DuckDB: allocations {d_load['allocations']:.2f} s, items {d_load['items']:.2f} s, "
        f"peak {d_load['after']['VmHWM'] / 1024:.0f} MiB")

    main_g, main_d = gemba_t[s.rows], duck_t[s.rows]
    verdicts = {name: target_check(name, main_g.get(name), main_d.get(name), s, problems) for name, *_ in QUERIES}
    verdicts["load"] = target_check("load", g_load[0], d_load["allocations"], s, problems)
    verdicts["memory"] = target_check("memory", g_load[2].get("VmHWM"), d_load["after"]["VmHWM"], s, problems)
    say("targets: " + ", ".join(f"{k} {v}" for k, v in verdicts.items()))
    if len(s.scales) > 1 and s.rows >= TARGET_ROWS:
        for name, *_ in QUERIES:
            growth, ok = scaling_steps(s.scales, {n: gemba_t[n].get(name) for n in s.scales})
            if ok != "yes":
                problems.append(f"scaling: {name} grows {growth} against the rows' growth")

    say(f"\n== workspace save and open ({rows_text(s.rows)} allocations)")
    ws = workspace.measure(s.gemba, allocations[s.rows], runs=3)
    for what, sec, rate, target, ok in workspace.lines(ws):
        say(f"  {what} {sec:.2f} s, {rate / 1e6:.2f} M rows/s (target >= {target / 1e6:.2f})")
        if not ok and ws["rows"] >= 10_000_000:  # the targets are for 10M rows; small runs are start-up bound
            problems.append(f"workspace {what}: {rate / 1e6:.2f} M rows/s, below the target of {target / 1e6:.2f}")

    biggest = max(allocations)
    say(f"\n== Ctrl-C during each query ({rows_text(biggest)} allocations)")
    stops = interrupt.measure(s.gemba, allocations[biggest], items_csv, [(q[0], q[1]) for q in QUERIES])
    for name, worst, hit, n, ok in interrupt.lines(stops):
        say(f"  {name}: prompt back within {worst * 1000:.0f} ms ({hit} of {n} Ctrl-Cs interrupted)")
        if not ok:
            problems.append(f"Ctrl-C during {name}: the prompt came back after {worst * 1000:.0f} ms (limit {interrupt.LIMIT * 1000:.0f} ms)")

    say(f"\n== flow over a generated organisation ({rows_text(s.rows)} allocations)")
    org = flow.measure(s.gemba, flow.ensure_org(s.gemba, s.data, s.rows, s.seed), s.runs)
    say(f"  {org['transitions']:,} transitions, {org['items']:,} items: median {org['seconds'] * 1000:.0f} ms")
    if org["seconds"] >= flow.LIMIT and s.rows >= 10_000_000:
        problems.append(f"flow over {org['transitions']:,} transitions took {org['seconds'] * 1000:.0f} ms (limit 1 s)")
    say(f"\n== utilization by team and ISO week over the same organisation")
    util = utilization.measure(s.gemba, utilization.ensure_org(s.gemba, s.data, s.rows, s.seed), s.runs)
    say(f"  {util['allocations']:,} allocations of {util['people']:,} people: median {util['seconds'] * 1000:.0f} ms")
    if util["seconds"] >= utilization.LIMIT and s.rows >= 10_000_000:
        problems.append(f"utilization over {util['allocations']:,} allocations took {util['seconds'] * 1000:.0f} ms (limit 1 s)")

    sqlite_t, sqlite_load = {}, None
    if s.sqlite_rows:
        say(f"\n== SQLite, {rows_text(s.sqlite_rows)} allocation rows")
        times, answers, sqlite_load = sqlite_queries(s, sqlite_source(allocations, s.sqlite_rows), items_csv,
                                                     s.sqlite_rows)
        sqlite_t = {q: med(r) for q, r in times.items()}
        # The same rows ran in DuckDB at this size: a check of the SQLite SQL (and of DuckDB).
        if s.sqlite_rows in duck_answers:
            for name, _, _, _, ordered in QUERIES:
                diff = compare([[cell_text(c) for c in row] for row in answers[name]],
                               duck_answers[s.sqlite_rows][name], ordered)
                if diff:
                    problems.append(f"SQLite at {rows_text(s.sqlite_rows)} rows, {name}: SQLite and DuckDB differ: {diff}")
                    say(f"  {name}: SQLite and DuckDB differ: {diff}")

    # ---------------------------------------------------------------------------------------- the table
    out = []
    out.append("# gemba benchmark results\n")
    out.append(f"Written by `make bench` (bench/run.py; see bench/README.md). Seed {s.seed}: "
               f"{s.rows:,} allocation rows, {s.items:,} items.\n")
    out.append("| machine | |\n|---|---|")
    out += [f"| {k} | {v} |" for k, v in machine(s, duckdb)]
    out.append("")
    out.append(f"## Queries, {rows_text(s.rows)} allocation rows\n")
    cold = (f" Each timed run, in every engine, starts with a cold cache: an untimed scan of "
            f"{s.flush_rows * 8 >> 20} MiB just before it (bench/README.md)." if s.flush_rows else "")
    out.append(f"Median of {s.runs} runs after a warm-up, in milliseconds.{cold} gemba: its own `.timer` (whole statement, "
               f"printing excluded), all runs in one process. DuckDB: execute + fetchall in Python. "
               f"SQLite: {rows_text(s.sqlite_rows) if s.sqlite_rows else 'no'} allocation rows, for scale.\n")
    out.append(f"| query | gemba ms | DuckDB ms | gemba / DuckDB | target | | SQLite ms ({rows_text(s.sqlite_rows) if s.sqlite_rows else '–'}) | answers |")
    out.append("|---|---:|---:|---:|---:|---|---:|---|")
    for name, gemba, *_ in QUERIES:
        g, d = main_g.get(name), main_d.get(name)
        ratio = f"{g / d:.2f}×" if g and d else "–"
        bad = any(p.startswith(f"{rows_text(s.rows)} rows, {name} ") for p in problems)
        check = "–" if g is None else "DIFFER" if bad else "equal"
        out.append(f"| {name} {code(gemba)} | {ms(g)} | {ms(d)} | {ratio} | ≤ {TARGETS[name]}× | {verdicts[name]} "
                   f"| {ms(sqlite_t.get(name))} | {check} |")
    out.append("")
    out.append(f"## Load and memory, {rows_text(s.rows)} allocations + {rows_text(s.items)} items\n")
    out.append("| | gemba | DuckDB | target | |\n|---|---:|---:|---|---|")
    out.append(f"| load allocations.csv ({rows_text(s.rows)} rows), s | {g_load[0]:.2f} | {d_load['allocations']:.2f} "
               f"| ≤ DuckDB | {verdicts['load']} |")
    out.append(f"| load items.csv ({rows_text(s.items)} rows), s | {g_load[1]:.2f} | {d_load['items']:.2f} | | |")
    out.append(f"| peak resident memory with both tables loaded (VmHWM), MiB | {g_load[2].get('VmHWM', 0) / 1024:,.0f} "
               f"| {d_load['after']['VmHWM'] / 1024:,.0f} | ≤ DuckDB | {verdicts['memory']} |")
    out.append(f"| resident memory after loading (VmRSS), MiB | {g_load[2].get('VmRSS', 0) / 1024:,.0f} "
               f"| {d_load['after']['VmRSS'] / 1024:,.0f} | | |")
    if peak_query_kb:
        out.append(f"| peak resident memory over the whole query run, MiB | {peak_query_kb / 1024:,.0f} | | | |")
    out.append("")
    out.append(f"gemba: `.load` timed between marker results in a fresh process (`gemba -c ... -i` waiting on "
               f"standard input), memory read from /proc/PID/status. DuckDB: `CREATE TABLE ... AS SELECT * FROM "
               f"read_csv(...)` in a separate Python process, whose memory includes Python and the duckdb module "
               f"({d_load['before']['VmRSS'] / 1024:.0f} MiB before loading)."
               + (f" SQLite loaded its {rows_text(s.sqlite_rows)} rows and the items in {sqlite_load:.1f} s "
                  f"(Python csv + executemany)." if sqlite_load else "") + "\n")
    out.append(f"## Workspace, {rows_text(s.rows)} allocations\n")
    out.append(f"A SQLite workspace of the allocations table ({ws['bytes'] / 1e6:,.0f} MB), median of {ws['runs']} runs "
               "(bench/workspace.py): save is `.load` + `.save FILE.db` less `.load` alone; open is `gemba FILE.db` "
               "less an empty start.\n")
    out.append("| | s | M rows/s | target, M rows/s | |\n|---|---:|---:|---:|---|")
    for what, sec, rate, target, ok in workspace.lines(ws):
        out.append(f"| {what} | {sec:.2f} | {rate / 1e6:.2f} | ≥ {target / 1e6:.2f} | {'ok' if ok else 'BELOW'} |")
    out.append("")
    out.append(f"## Flow and utilization, a generated organisation with {rows_text(s.rows)} allocations\n")
    out.append(f"`gemba generate --org --allocations {s.rows} --seed {s.seed}` (bench/flow.py): {org['transitions']:,} "
               f"transitions of {org['items']:,} items. Median of {s.runs} runs after a warm-up, gemba's `.timer`; "
               f"limit 1 s.\n")
    out.append(f"| query | ms | |\n|---|---:|---|\n| {code(org['query'])} | {org['seconds'] * 1000:.0f} | "
               f"{'ok' if org['seconds'] < flow.LIMIT else 'TOO SLOW'} |")
    out.append(f"| {code(util['query'])} | {util['seconds'] * 1000:.0f} | "
               f"{'ok' if util['seconds'] < utilization.LIMIT else 'TOO SLOW'} |\n")
    out.append(f"`utilization` (bench/utilization.py) reads its {util['allocations']:,} allocations, {util['people']:,} "
               f"people, the holidays and the time off, and gives {util['rows']:,} team-weeks; limit 1 s.\n")
    out.append(f"## Ctrl-C, {rows_text(biggest)} allocations\n")
    out.append("Each query typed at gemba's prompt (a pseudo-terminal, bench/interrupt.py) and Ctrl-C sent "
               + ", ".join(f"{d * 1000:g}" for d in interrupt.DELAYS) + " ms after; the time is from Ctrl-C to the "
               "next prompt, over the Ctrl-Cs that interrupted (a query that ended first has nothing to stop). "
               f"Limit {interrupt.LIMIT * 1000:.0f} ms.\n")
    out.append("| query | slowest prompt after Ctrl-C, ms | interrupted | |\n|---|---:|---:|---|")
    for name, worst, hit, n, ok in interrupt.lines(stops):
        out.append(f"| {name} | {worst * 1000:.0f} | {hit} of {n} | {'ok' if ok else 'TOO SLOW'} |")
    out.append("")
    if len(s.scales) > 1:
        rows_growth = " / ".join(f"×{b / a:g}" for a, b in zip(s.scales, s.scales[1:]))
        out.append("## Scaling\n")
        out.append("Median ms at each size of allocations (items stay at "
                   f"{rows_text(s.items)}). Growth is gemba's time from one size to the next, against the rows' "
                   f"{rows_growth}; the last column says whether it grows no faster than the row count at every "
                   "step (15% slack for noise).\n")
        head = " | ".join(f"gemba {rows_text(n)}" for n in s.scales)
        dhead = " | ".join(f"DuckDB {rows_text(n)}" for n in s.scales)
        out.append(f"| query | {head} | growth (rows {rows_growth}) | ≤ rows? | {dhead} |")
        out.append("|---|" + "---:|" * len(s.scales) + "---:|---|" + "---:|" * len(s.scales))
        for name, *_ in QUERIES:
            gt = {n: gemba_t[n].get(name) for n in s.scales}
            cells = " | ".join(ms(gt[n]) for n in s.scales)
            dcells = " | ".join(ms(duck_t[n].get(name)) for n in s.scales)
            growth, ok = scaling_steps(s.scales, gt)
            out.append(f"| {name} | {cells} | {growth} | {ok} | {dcells} |")
        out.append("")
    out.append("## Queries\n")
    out.append("| | gemba | DuckDB |\n|---|---|---|")
    for name, gemba, sql, _, _ in QUERIES:
        out.append(f"| {name} | {code(gemba)} | {code(sql)} |")
    out.append("")
    if generated:
        out.append("## Data generation (this run)\n")
        out += [f"    {line}" for v in generated.values() for line in v.splitlines()]
        out.append("")
    if problems:
        out.append("## Problems\n")
        for p in problems:
            out.append("```\n" + p + "\n```")
        out.append("")
    report = "\n".join(out)
    with open(s.results, "w") as f:
        f.write(report)
    say("\n" + report)
    say(f"written to {os.path.relpath(s.results, os.getcwd())}")
    if problems:
        say(f"\nbench: FAILED: {len(problems)} problem(s):")
        for p in problems:
            say("  " + p.splitlines()[0])
        sys.exit(1)


if __name__ == "__main__":
    main()
