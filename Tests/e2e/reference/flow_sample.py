# Independent reference for flow on the sample organisation: prints the expected output of
# Tests/e2e/cases/flow_sample.gmb from datasets/ with Python's csv module only.
import collections
import csv
import datetime
import math
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "datasets")
STAGES = ["backlog", "research", "analysis", "ready for development", "development", "design",
          "ready for review", "review", "ready for test", "test", "done"]
pos = {s: i for i, s in enumerate(STAGES)}
START, FINISH = pos["development"], pos["done"]
ONE_DAY = datetime.timedelta(days=1)

rows = collections.defaultdict(list)  # item -> [(at, input order, state)], put in time order below
for k, r in enumerate(csv.DictReader(open(os.path.join(DATA, "transitions.csv")))):
    rows[r["item"]].append((r["at"], k, r["state"]))
for rs in rows.values():
    rs.sort()
holidays = {datetime.date.fromisoformat(r["date"]) for r in csv.DictReader(open(os.path.join(DATA, "holidays.csv")))}


def path(rs):
    """started (first entry into development or later), finished (the last entry into done with no
    move back after it) and the number of moves back out of done."""
    started = finished = prev = None
    reopened = 0
    for at, _, s in rs:
        d, p = datetime.date.fromisoformat(at[:10]), pos[s]
        if started is None and p >= START:
            started = d
        if p >= FINISH and (prev is None or prev < FINISH):
            finished = d
        if p < FINISH and prev is not None and prev >= FINISH:
            reopened += 1
            finished = None
        prev = p
    return started, finished, reopened


# Items that were abandoned leave the stage order: set aside, as the queries do.
items = {item: path(rs) for item, rs in rows.items() if all(s in pos for _, _, s in rs)}
finished_items = [(a, b) for a, b, _ in items.values() if b is not None]

# Per team: items, finished ones, total and worst cycle time (days, both ends counted), reopenings.
teams = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
for item, (started, finished, reopened) in items.items():
    t = teams[item.split("-")[0]]
    t[0] += 1
    t[4] += reopened
    if finished is not None:
        ct = (finished - started).days + 1
        t[1] += 1
        t[2] += ct
        t[3] = max(t[3], ct)
print("team,items,finished,cycle,worst,reopened")
for team in sorted(teams):
    print(",".join([team] + [str(x) for x in teams[team]]))

# Throughput per ISO week (Monday buckets, zero-filled from the first to the last week with a finish).
weeks = collections.Counter(b - datetime.timedelta(days=b.weekday()) for _, b in finished_items)
n = (max(weeks) - min(weeks)).days // 7 + 1
print("weeks,total,zero,best")
print(f"{n},{sum(weeks.values())},{n - len(weeks)},{max(weeks.values())}")

# What `aging` keeps: started and not finished.
print("count")
print(sum(1 for a, b, _ in items.values() if a is not None and b is None))

# Work in progress on the Mondays from 2025-01-06 to 2025-03-31 (both included): the items with
# started <= Monday < finished, or started and not finished.
print("started,wip")
t = datetime.date(2025, 1, 6)
while t <= datetime.date(2025, 3, 31):
    print(f"{t},{sum(1 for a, b, _ in items.values() if a is not None and a <= t and (b is None or t < b))}")
    t += 7 * ONE_DAY

# The CFD's lines for three stages on four Mondays: each item where its latest move into a listed
# state (moves into others, such as abandoned, are left out) before the bucket's end puts it. Here the
# abandoned items count too.
print("at,stage,items")
t = datetime.date(2025, 1, 6)
while t <= datetime.date(2025, 1, 27):
    end = (t + 7 * ONE_DAY).isoformat()
    counts = collections.Counter()
    for rs in rows.values():
        before = [s for at, _, s in rs if at < end and s in pos]
        if before:
            for stage in ("backlog", "development", "done"):
                counts[stage] += pos[before[-1]] >= pos[stage]
    for stage in ("backlog", "development", "done"):
        print(f"{t}T00:00:00Z,{stage},{counts[stage]}")
    t += 7 * ONE_DAY


def workdays(a, b):
    """Monday to Friday less the holidays, both ends counted."""
    return sum(1 for k in range((b - a).days + 1) if (a + k * ONE_DAY).weekday() < 5 and a + k * ONE_DAY not in holidays)


# Cycle times in working days and their service level expectations (nearest rank); flow efficiency
# is a share, never outside 0..1.
cts = sorted(workdays(a, b) for a, b in finished_items)
rank = lambda p: cts[max(1, math.ceil(p / 100 * len(cts))) - 1]
print("finished,workdays,p85,p50")
print(f"{len(cts)},{sum(cts)},{rank(85)},{rank(50)}")
print("outside")
print(0)
