# Independent reference for utilization, share, littles and attribute on the sample organisation:
# prints the expected output of Tests/e2e/cases/capacity_sample.gmb from datasets/ with Python's csv
# module only, person-day by person-day.
import collections
import csv
import datetime
import fractions
import math
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "datasets")
ONE_DAY = datetime.timedelta(days=1)


def table(name):
    return list(csv.DictReader(open(os.path.join(DATA, name + ".csv"), newline="", encoding="utf-8")))


def day(text):
    return datetime.date.fromisoformat(text)


def rnd(x, digits):
    """gemba's round: x scaled, rounded half away from zero, scaled back (in binary floating point)."""
    s = 10.0 ** digits
    r = abs(x * s)
    f = math.floor(r)
    if r - f >= 0.5:
        f += 1
    return math.copysign(f / s, x)


def text(x):
    return "" if x is None else repr(x) if isinstance(x, float) else str(x)


def row(*cells):
    print(",".join(text(c) for c in cells))


allocations = table("allocations")
people = table("people")
holidays = {day(r["date"]) for r in table("holidays")}
timeoff = {(r["person"], day(r["day"])) for r in table("timeoff")}
items = table("items")
person = {p["person"]: p for p in people}

# The window: the allocations' first to last day.
lo = min(day(a["day"]) for a in allocations)
hi = max(day(a["day"]) for a in allocations)


def capacity(p, d):
    """A fifth of the weekly hours on a working day with the firm, not a holiday, not a day off."""
    weekly = p["capacity_hours_per_week"]
    if not weekly or d.weekday() >= 5 or d in holidays or (p["person"], d) in timeoff:
        return 0
    if d < day(p["start_date"]) or (p["end_date"] and d > day(p["end_date"])):
        return 0
    return fractions.Fraction(int(weekly), 5)


def week(d):
    return d - d.weekday() * ONE_DAY


def utilization(key, weekly=False):
    """Per key (a person's column) and, when weekly, ISO week: [capacity, allocated, over, billable],
    keys in order of first appearance among the people."""
    out = collections.OrderedDict()
    for p in people:
        out.setdefault(p[key], collections.OrderedDict())
    for p in people:
        d = lo
        while d <= hi:
            cell = out[p[key]].setdefault(week(d) if weekly else None, [fractions.Fraction(0), 0.0, 0.0, 0.0])
            cell[0] += capacity(p, d)
            d += ONE_DAY
    daily = collections.defaultdict(float)
    for a in allocations:
        p, d, h = person[a["person"]], day(a["day"]), float(a["hours"])
        cell = out[p[key]][week(d) if weekly else None]
        cell[1] += h
        if a["billable"] == "true":
            cell[3] += h
        daily[(a["person"], d)] += h
    for (who, d), h in daily.items():
        p = person[who]
        c = capacity(p, d)
        excess = h - (float(fractions.Fraction(int(p["capacity_hours_per_week"]), 5)) if c else 0.0)
        if excess > 0:
            out[p[key]][week(d) if weekly else None][2] += excess
    return out


# utilization by team over the whole window.
print("team,capacity,allocated,utilization,overallocated,billable,billable_share_of_allocated")
for team, cells in utilization("team").items():
    cap, hours, over, billable = cells[None]
    cap = float(cap)
    row(team, rnd(cap, 2), hours, rnd(hours / cap, 4) if cap else None, over, billable,
        rnd(billable / hours, 4) if hours else None)

# Checkout's ISO weeks around Christmas and New Year.
print("team,day,capacity,allocated,utilization,overallocated")
for w, (cap, hours, over, _) in utilization("team", weekly=True)["Checkout"].items():
    if datetime.date(2025, 12, 8) <= w <= datetime.date(2026, 1, 12):
        cap = float(cap)
        row("Checkout", w, rnd(cap, 2), hours, rnd(hours / cap, 4) if cap else None, over)

# Employees, contractors and network contributors.
print("employment,capacity,allocated,utilization,overallocated")
for employment, cells in utilization("employment").items():
    cap, hours, over, _ = cells[None]
    cap = float(cap)
    row(employment, rnd(cap, 2), hours, rnd(hours / cap, 4) if cap else None, over)

# People with hours and no capacity at all: their utilization is null.
print("count")
print(sum(1 for cells in utilization("person").values() if cells[None][0] == 0 and cells[None][1] > 0))


def shares(values, digits):
    """Largest remainders: each share of 10^digits * 100 units rounded down, the missing units to the
    rows that lost most (the earlier row on a tie)."""
    units = 100 * 10 ** digits
    total = sum(values)
    exact = [v * units / total for v in values]
    floor = [math.floor(e) for e in exact]
    missing = units - sum(floor)
    for k in sorted(range(len(values)), key=lambda k: (-(exact[k] - floor[k]), k))[:missing]:
        floor[k] += 1
    return [f / 10 ** digits for f in floor]


# Where the hours go: by initiative (unplanned work as "(none)") and by item type, as shares.
item = {i["item_id"]: i for i in items}
for column, name in (("initiative", "initiative"), ("type", "type")):
    hours = collections.OrderedDict()
    for a in allocations:
        k = item[a["item_id"]][column] or "(none)"
        hours[k] = hours.get(k, 0.0) + float(a["hours"])
    pct = dict(zip(hours, shares(list(hours.values()), 1)))
    print(f"{name},hours,hours_pct")
    if column == "initiative":
        for k in sorted(hours, key=lambda k: (-hours[k], k))[:5]:
            row(k, hours[k], pct[k])
    else:
        for k in sorted(hours):
            row(k, hours[k], pct[k])

# Planned (capacity) against actual (allocated) hours, as each team's share of the firm's.
teams = utilization("team")
caps = shares([float(c[None][0]) for c in teams.values()], 1)
hrs = shares([c[None][1] for c in teams.values()], 1)
print("team,capacity_pct,allocated_pct")
for team, c, h in zip(teams, caps, hrs):
    row(team, c, h)

# Little's law over 2025 on the items' own started and finished dates, abandoned items set aside.
a, b = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
days = (b - a).days + 1
wip = arrivals = departures = cycle = 0
for i in items:
    if i["state"] == "abandoned" or not i["started"]:
        continue
    s = day(i["started"])
    f = day(i["finished"]) if i["finished"] else None
    wip += max(0, (min(f or b, b) - max(s, a)).days + 1)
    arrivals += a <= s <= b
    if f and a <= f <= b:
        departures += 1
        cycle += (f - s).days + 1
print("days,arrivals,departures,avg_wip,throughput_per_day,avg_cycletime,throughput_x_cycletime")
row(days, arrivals, departures, rnd(wip / days, 4), rnd(departures / days, 4), rnd(cycle / departures, 4), rnd(cycle / days, 4))

# attribute: each valued item's value shared by hours among employment kinds (keys in order of first
# appearance in the allocations); every valued item has hours, so there is no unattributed row.
valued = {i["item_id"]: float(i["value"]) for i in items if i["value"]}
per_item = collections.defaultdict(lambda: collections.defaultdict(float))
order = []
for al in allocations:
    if al["item_id"] in valued:
        k = person[al["person"]]["employment"]
        if k not in order:
            order.append(k)
        per_item[al["item_id"]][k] += float(al["hours"])
value, count, hours = collections.defaultdict(float), collections.Counter(), collections.defaultdict(float)
for it, by in per_item.items():
    total = sum(by.values())
    for k, h in by.items():
        value[k] += valued[it] * h / total
        count[k] += 1
        hours[k] += h
print("employment,items,hours,value")
for k in order:
    row(k, count[k], hours[k], rnd(value[k], 2))
teams_with_value = {al["team"] for al in allocations if al["item_id"] in valued}
print("teams,total")
row(len(teams_with_value), rnd(sum(valued.values()), 2))
print("total")
row(sum(valued.values()))
