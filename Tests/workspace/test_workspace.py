#!/usr/bin/env python3
"""Workspace faults, end to end: a gemba process killed with SIGKILL at random moments while it writes a
large table must leave a workspace that opens and holds either the state before the write or the state
after it; a second writer waits on SQLite's lock or says the workspace is busy; hostile files give clear
errors. Usage: test_workspace.py GEMBA_BINARY. Prints `workspace: N passed, M failed`."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

GEMBA = os.path.abspath(sys.argv[1])
ROWS = 200_000
KILLS = 24
passed = failed = 0


def case(fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {fn.__name__}")
    except AssertionError as e:
        failed += 1
        print(f"FAIL {fn.__name__}: {e}")


def gemba(*args, timeout=120):
    return subprocess.run([GEMBA, *args], capture_output=True, text=True, timeout=timeout)


def write_big_csv(path):
    rng = random.Random(7)
    with open(path, "w") as f:
        f.write("id,person,day,hours,note\n")
        for i in range(ROWS):
            f.write(f"{i},p{rng.randrange(2000):04d},2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d},"
                    f"{rng.randrange(1, 33) / 4},\"n, {i}\"\n")


def state(db):
    """(rows of 'big' or None, rows of 'base', integrity) as any SQLite client sees them."""
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("pragma integrity_check").fetchone()[0]
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        big = con.execute('select count(*) from "big"').fetchone()[0] if "big" in tables else None
        meta = con.execute("select count(*) from gemba_columns where table_name='big'").fetchone()[0]
        base = con.execute('select count(*) from "base"').fetchone()[0]
        return big, meta, base, integrity
    finally:
        con.close()


def test_kill_during_write_leaves_before_or_after():
    with tempfile.TemporaryDirectory() as d:
        csv = os.path.join(d, "big.csv")
        write_big_csv(csv)
        db = os.path.join(d, "ws.db")
        r = gemba(db, "-c", "range(1, 1000, 1) | export table base")
        assert r.returncode == 0, r.stderr
        # How long a whole write takes, to spread the kills over it.
        t0 = time.monotonic()
        r = gemba(os.path.join(d, "timing.db"), "-c", f".load {csv} as big")
        assert r.returncode == 0, r.stderr
        full = time.monotonic() - t0
        rng = random.Random(42)
        outcomes = {"before": 0, "after": 0}
        for k in range(KILLS):
            if k % 3 == 2:
                # Sometimes kill while replacing a complete table, sometimes while writing a new one.
                pass
            elif os.path.exists(db):
                gemba(db, "-c", ".drop big")
            p = subprocess.Popen([GEMBA, db, "-c", f".load {csv} as big"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, full * 1.4))
            p.send_signal(signal.SIGKILL)
            p.wait()
            big, meta, base, integrity = state(db)
            assert integrity == "ok", f"kill {k}: integrity {integrity}"
            assert base == 1000, f"kill {k}: base has {base} rows"
            assert big in (None, ROWS), f"kill {k}: half a table: {big} rows"
            assert (big is None and meta == 0) or (big == ROWS and meta == 5), f"kill {k}: columns {meta} for {big}"
            outcomes["after" if big == ROWS else "before"] += 1
            r = gemba(db, "-c", "base | count")
            assert r.returncode == 0 and "1000" in r.stdout, f"kill {k}: gemba cannot open it: {r.stderr}"
        print(f"     {KILLS} kills: {outcomes['before']} left the state before, {outcomes['after']} after "
              f"(a full write takes {full:.2f} s)")


def test_second_writer_waits_or_says_busy():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "ws.db")
        assert gemba(db, "-c", "range(1, 10, 1) | export table t").returncode == 0
        con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        con.execute("begin immediate")  # hold the write lock
        release = threading.Timer(1.0, lambda: con.execute("rollback"))
        release.start()
        r = gemba(db, "-c", "range(1, 20, 1) | export table u")
        release.join()
        con.close()
        assert r.returncode == 0, f"the second writer should wait for the lock: {r.stderr}"
        con = sqlite3.connect(db)
        con.execute("begin immediate")
        r = gemba(db, "-c", "range(1, 20, 1) | export table v", timeout=60)
        con.rollback()
        con.close()
        assert r.returncode == 1 and "busy" in r.stderr and "ws.db" in r.stderr, r.stderr
        assert state_tables(db) == {"t", "u"}, state_tables(db)


def state_tables(db):
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("select name from sqlite_master where type='table'")} - {"gemba_columns", "gemba_views"}
    finally:
        con.close()


def test_hostile_files():
    with tempfile.TemporaryDirectory() as d:
        junk = os.path.join(d, "junk.db")
        with open(junk, "wb") as f:
            f.write(os.urandom(4096))
        r = gemba(junk, "-c", "1")
        assert r.returncode == 1 and "junk.db" in r.stderr and "error" in r.stderr, r.stderr
        good = os.path.join(d, "good.db")
        assert gemba(good, "-c", "range(1, 500, 1) | export table t").returncode == 0
        data = bytearray(open(good, "rb").read())
        for i in range(1024, len(data), 97):
            data[i] ^= 0x5A
        corrupt = os.path.join(d, "corrupt.db")
        open(corrupt, "wb").write(bytes(data))
        r = gemba(corrupt, "-c", "t | count")
        assert r.returncode in (0, 1) and (r.returncode == 0 or "corrupt.db" in r.stderr), r.stderr
        assert "Traceback" not in r.stderr and r.returncode >= 0, "crashed"
        r = gemba("-c", "range(1, 3, 1) | export table keep", "-c", f".open {junk}")
        assert r.returncode == 1 and "junk.db" in r.stderr and r.stderr.count("error:") == 1, r.stderr


def test_sqlite_agrees_on_counts():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "ws.db")
        here = os.path.dirname(os.path.abspath(__file__))
        items = os.path.join(here, "..", "..", "datasets", "items.csv")
        r = gemba(db, "-c", f".load {items}", "-c", "items | count")
        assert r.returncode == 0, r.stderr
        gemba_count = int([line for line in r.stdout.splitlines() if line.strip("│ ").isdigit()][0].strip("│ "))
        con = sqlite3.connect(db)
        assert con.execute("select count(*) from items").fetchone()[0] == gemba_count
        con.close()


for t in [test_kill_during_write_leaves_before_or_after, test_second_writer_waits_or_says_busy,
          test_hostile_files, test_sqlite_agrees_on_counts]:
    case(t)
print(f"workspace: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
