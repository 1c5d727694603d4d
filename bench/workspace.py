#!/usr/bin/env python3
"""Workspace save and open speed (issue 4): saves the allocations table (10 columns) to a fresh SQLite
workspace and opens it again, timing both in a release gemba, against the targets.

`make bench` calls measure() (bench/run.py); on its own:
    bench/workspace.py GEMBA_BINARY ALLOCATIONS_CSV [RUNS]
Writes nothing but temporary files next to the CSV.
"""
import os
import subprocess
import sys
import tempfile
import time

SAVE_TARGET, OPEN_TARGET = 0.45e6, 1.6e6


def _run(gemba, args):
    t0 = time.monotonic()
    r = subprocess.run([gemba, "--no-init", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"gemba {' '.join(args)} failed: {r.stderr.strip()}")
    return time.monotonic() - t0, r.stdout


def measure(gemba, csv, runs=3):
    """Median save and open seconds over `runs` fresh workspaces. The save is the time of
    `.load` + `.save` less that of `.load` alone; the open, of `gemba FILE.db` less an empty start."""
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(csv))) as d:
        _, out = _run(gemba, ["--format", "csv", "-c", f".load {csv} as allocations", "-c", "allocations | count"])
        rows = int(out.split()[-1])
        saves, opens = [], []
        for k in range(runs):
            db = os.path.join(d, f"ws{k}.db")
            load, _ = _run(gemba, ["-c", f".load {csv} as allocations"])
            both, _ = _run(gemba, ["-c", f".load {csv} as allocations", "-c", f".save {db}"])
            saves.append(both - load)
            start, _ = _run(gemba, ["-c", "1"])
            opened, out = _run(gemba, [db, "--format", "csv", "-c", "allocations | count"])
            if out.split()[-1] != str(rows):
                raise RuntimeError(f"the workspace holds {out.split()[-1]} rows, not {rows}")
            opens.append(opened - start)
            size = os.path.getsize(db)
            os.remove(db)
    return {"rows": rows, "runs": runs, "bytes": size,
            "save": sorted(saves)[len(saves) // 2], "open": sorted(opens)[len(opens) // 2]}


def lines(m):
    """The report's rows: what, seconds, rows/s, target, whether it holds."""
    out = []
    for what, target in (("save", SAVE_TARGET), ("open", OPEN_TARGET)):
        rate = m["rows"] / m[what]
        out.append((what, m[what], rate, target, rate >= target))
    return out


if __name__ == "__main__":
    m = measure(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3)
    print(f"workspace, {m['rows']:,} allocation rows (10 columns), file {m['bytes'] / 1e6:,.0f} MB, median of {m['runs']}:")
    for what, sec, rate, target, ok in lines(m):
        print(f"  {what} {sec:6.2f} s  {rate / 1e6:5.2f} M rows/s  (target >= {target / 1e6:.2f})  "
              + ("ok" if ok else "BELOW TARGET"))
