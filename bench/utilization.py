#!/usr/bin/env python3
"""`utilization` by team and ISO week over a generated organisation's allocations (issue 7: "on a
generated organisation with 10 million allocation rows, `utilization` by team and ISO week answers in
under 1 second").

`make bench` calls measure() (bench/run.py) on the organisation bench/flow.py generates; on its own:
    bench/utilization.py GEMBA_BINARY DATA_DIR [ALLOCATIONS] [RUNS]
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flow  # noqa: E402  (the organisation's folder, generated once)

LIMIT = 1.0
QUERY = "allocations | utilization people=people holidays=holidays timeoff=timeoff step 7d by team"
TABLES = ("allocations", "people", "holidays", "timeoff")


def ensure_org(gemba, data, allocations, seed=1):
    """The organisation's folder (bench/flow.py's), generated again when it predates timeoff.csv (the
    generator writes the same bytes for the other files)."""
    folder = flow.ensure_org(gemba, data, allocations, seed)
    if not os.path.exists(os.path.join(folder, "timeoff.csv")):
        subprocess.run([gemba, "generate", "--org", "--allocations", str(allocations), "--seed", str(seed),
                        "--out", folder], check=True)
    return folder


def measure(gemba, folder, runs=5):
    """Median seconds of `utilization ... step 7d by team` over all allocations (gemba's own timer), the
    allocations' and people's counts, the result's rows, and the times."""
    setup = [f".load {os.path.join(folder, t + '.csv')} as {t}" for t in TABLES]
    setup += ["allocations | count", "people | count", f"{QUERY} | count"]
    counts, times = flow.timed(gemba, "utilization", setup, QUERY, runs)
    return {"seconds": sorted(times)[len(times) // 2], "times": times,
            "allocations": counts[0], "people": counts[1], "rows": counts[2], "query": QUERY}


if __name__ == "__main__":
    gemba, data = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000
    m = measure(gemba, ensure_org(gemba, data, n), int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    print(f"utilization over {m['allocations']:,} allocations of {m['people']:,} people ({m['rows']:,} team-weeks): "
          f"median {m['seconds'] * 1000:.0f} ms (limit {LIMIT * 1000:.0f} ms) {'ok' if m['seconds'] < LIMIT else 'TOO SLOW'}")
