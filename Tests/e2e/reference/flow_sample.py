# Independent reference for flow on the sample organisation (see Tests/e2e/cases/flow_sample.gmb).
import collections, csv, datetime, os
STAGES = ["backlog", "research", "analysis", "ready for development", "development", "design",
          "ready for review", "review", "ready for test", "test", "done"]
pos = {s: i for i, s in enumerate(STAGES)}
START, FINISH = pos["development"], pos["done"]
rows = collections.defaultdict(list)
for k, r in enumerate(csv.DictReader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "datasets", "transitions.csv")))):
    rows[r["item"]].append((r["at"], k, r["state"]))
teams = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
for item, rs in rows.items():
    rs.sort()
    if any(s not in pos for _, _, s in rs):
        continue
    started = finished = None
    reopened = 0
    prev = None
    for at, _, s in rs:
        d = datetime.date.fromisoformat(at[:10])
        p = pos[s]
        if started is None and p >= START:
            started = d
        if p >= FINISH and (prev is None or prev < FINISH):
            finished = d
        if p < FINISH and prev is not None and prev >= FINISH:
            reopened += 1
            finished = None
        prev = p
    t = teams[item.split("-")[0]]
    t[0] += 1
    if finished is not None:
        t[1] += 1
        ct = (finished - started).days + 1
        t[2] += ct
        t[3] = max(t[3], ct)
    t[4] += reopened
print("team,items,finished,cycle,worst,reopened")
for team in sorted(teams):
    print(",".join([team] + [str(x) for x in teams[team]]))
# Throughput per ISO week (Monday buckets, zero-filled from the first to the last week with a finish),
# and the started, unfinished items (what `aging` keeps).
fin, wip_items = [], 0
for item, rs in rows.items():
    if any(s not in pos for _, _, s in rs):
        continue
    started = finished = None; prev = None
    for at, _, s in sorted(rs):
        d = datetime.date.fromisoformat(at[:10]); p = pos[s]
        if started is None and p >= START: started = d
        if p >= FINISH and (prev is None or prev < FINISH): finished = d
        if p < FINISH and prev is not None and prev >= FINISH: finished = None
        prev = p
    if finished is not None: fin.append(finished)
    elif started is not None: wip_items += 1
weeks = collections.Counter(d - datetime.timedelta(days=d.weekday()) for d in fin)
first, last = min(weeks), max(weeks)
n = (last - first).days // 7 + 1
print("weeks,total,zero,best")
print(f"{n},{sum(weeks.values())},{n - len(weeks)},{max(weeks.values())}")
print("count")
print(wip_items)
# Work in progress on the Mondays from 2025-01-06 to 2025-03-31 (both included): the items with
# started <= Monday < finished, or started and not finished.
spans = []
for item, rs in rows.items():
    if any(s not in pos for _, _, s in rs):
        continue
    started = finished = None; prev = None
    for at, _, s in sorted(rs):
        d = datetime.date.fromisoformat(at[:10]); p = pos[s]
        if started is None and p >= START: started = d
        if p >= FINISH and (prev is None or prev < FINISH): finished = d
        if p < FINISH and prev is not None and prev >= FINISH: finished = None
        prev = p
    if started is not None:
        spans.append((started, finished))
print("started,wip")
t = datetime.date(2025, 1, 6)
while t <= datetime.date(2025, 3, 31):
    print(f"{t},{sum(1 for a, b in spans if a <= t and (b is None or t < b))}")
    t += datetime.timedelta(days=7)
# The CFD's lines for three stages on four Mondays: each item where its latest move into a listed
# state (moves into others, such as abandoned, are left out) before the bucket's end puts it.
print("at,stage,items")
t = datetime.date(2025, 1, 6)
while t <= datetime.date(2025, 1, 27):
    end = (t + datetime.timedelta(days=7)).isoformat()
    counts = collections.Counter()
    for item, rs in rows.items():
        before = [s for at, _, s in sorted(rs) if at < end and s in pos]
        if before:
            for stage in ("backlog", "development", "done"):
                counts[stage] += pos[before[-1]] >= pos[stage]
    for stage in ("backlog", "development", "done"):
        print(f"{t}T00:00:00Z,{stage},{counts[stage]}")
    t += datetime.timedelta(days=7)
# Cycle times in working days (Monday to Friday less datasets/holidays.csv, both ends counted) and
# their service level expectations (nearest rank); flow efficiency is a share, never outside 0..1.
import math
holidays = {datetime.date.fromisoformat(r["date"]) for r in csv.DictReader(open(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "datasets", "holidays.csv")))}
cts = []
for started, finished in spans:
    if finished is not None:
        n, d = 0, started
        while d <= finished:
            n += d.weekday() < 5 and d not in holidays
            d += datetime.timedelta(days=1)
        cts.append(n)
cts.sort()
rank = lambda p: cts[max(1, math.ceil(p / 100 * len(cts))) - 1]
print("finished,workdays,p85,p50")
print(f"{len(cts)},{sum(cts)},{rank(85)},{rank(50)}")
print("outside")
print(0)
