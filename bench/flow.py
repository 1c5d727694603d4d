#!/usr/bin/env python3
"""`flow` over a generated organisation's transitions (issue 6: "on a generated organisation with 10
million allocation rows and its transitions, `flow` over all transitions answers in under 1 second").

`make bench` calls measure() (bench/run.py); on its own:
    bench/flow.py GEMBA_BINARY DATA_DIR [ALLOCATIONS] [RUNS]
The organisation is generated once (`gemba generate --org --allocations N`) into DATA_DIR/org-seed1-N/.
"""
import os
import re
import subprocess
import sys
import tempfile

LIMIT = 1.0
STAGES = ("backlog", "research", "analysis", "ready for development", "development", "design",
          "ready for review", "review", "ready for test", "test", "done")
QUERY = ('transitions | flow start="development" finish="done" stages ('
         + ", ".join(f'"{s}"' for s in STAGES) + ")")
TIME_LINE = re.compile(r"^Run Time: real ([0-9.]+) s$")


def ensure_org(gemba, data, allocations, seed=1):
    """The organisation's folder, generated when missing."""
    folder = os.path.join(data, f"org-seed{seed}-{allocations}")
    if not os.path.exists(os.path.join(folder, "transitions.csv")):
        os.makedirs(folder, exist_ok=True)
        subprocess.run([gemba, "generate", "--org", "--allocations", str(allocations), "--seed", str(seed),
                        "--out", folder], check=True)
    return folder


def timed(gemba, what, setup, query, runs):
    """Runs a script: `setup` (lines: loads, counts), then `query` 1 + runs times under `.timer on`.
    Returns the counts the setup printed (one-number results) and the times of the runs after the
    first (gemba's own timer)."""
    with tempfile.TemporaryDirectory() as d:
        script = os.path.join(d, what + ".gmb")
        with open(script, "w") as f:
            f.write("".join(line + "\n" for line in setup) + ".timer on\n" + f"{query}\n" * (1 + runs))
        r = subprocess.run([gemba, "--no-init", "--format", "csv", "-f", script], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"gemba failed on {what}: {r.stderr.strip()[:500]}")
    times = [float(m.group(1)) for m in map(TIME_LINE.match, r.stderr.splitlines()) if m][1:]
    counts = [int(line) for line in r.stdout.splitlines() if line.strip().isdigit()]
    return counts, times


def measure(gemba, folder, runs=5):
    """Median seconds of `flow` over all transitions (gemba's own timer), the transitions' and items'
    counts, and the times."""
    transitions = os.path.join(folder, "transitions.csv")
    counts, times = timed(gemba, "flow", [f".load {transitions} as transitions", "transitions | count", f"{QUERY} | count"],
                          QUERY, runs)
    return {"seconds": sorted(times)[len(times) // 2], "times": times,
            "transitions": counts[0], "items": counts[1], "query": QUERY}


if __name__ == "__main__":
    gemba, data = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000
    m = measure(gemba, ensure_org(gemba, data, n), int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    print(f"flow over {m['transitions']:,} transitions ({m['items']:,} items): median {m['seconds'] * 1000:.0f} ms "
          f"(limit {LIMIT * 1000:.0f} ms) {'ok' if m['seconds'] < LIMIT else 'TOO SLOW'}")
