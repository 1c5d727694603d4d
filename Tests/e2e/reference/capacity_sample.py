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


def util_rows(key, weekly=False):
    """(key, week, capacity, allocated, utilization, over, billable) per key (and week)."""
    for k, cells in utilization(key, weekly).items():
        for w, (cap, hours, over, billable) in cells.items():
            cap = float(cap)
            yield k, w, cap, hours, (hours / cap if cap else None), over, billable


def r(x, digits):
    return None if x is None else rnd(x, digits)


# utilization by team over the whole window.
print("team,capacity,allocated,utilization,overallocated,billable_share_of_allocated")
for team, _, cap, hours, u, over, billable in util_rows("team"):
    row(team, cap, hours, r(u, 3), over, rnd(billable / hours, 3) if hours else None)

# Checkout's ISO weeks around Christmas and New Year.
print("team,day,capacity,allocated,utilization,overallocated")
for team, w, cap, hours, u, over, _ in util_rows("team", weekly=True):
    if team == "Checkout" and datetime.date(2025, 12, 15) <= w <= datetime.date(2026, 1, 5):
        row(team, w, cap, hours, r(u, 3), over)

# The network contributors, one by one (people with hours or capacity, in people order).
print("person,capacity,allocated,utilization,overallocated")
for who, _, cap, hours, u, over, _ in util_rows("person"):
    if person[who]["employment"] == "network" and (cap or hours):
        row(who, cap, hours, r(u, 3), over)


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


def hours_by(*columns):
    """Hours per combination of the item's columns (None as "(none)"), in order of first appearance."""
    item = {i["item_id"]: i for i in items}
    out = collections.OrderedDict()
    for a in allocations:
        k = tuple((a[c] if c == "team" else item[a["item_id"]][c]) or "(none)" for c in columns)
        out[k] = out.get(k, 0.0) + float(a["hours"])
    return out


# Where the hours go: by initiative (top 5), by type within Design.
hours = hours_by("initiative")
pct = dict(zip(hours, shares(list(hours.values()), 1)))
print("initiative,hours,hours_pct")
for k in sorted(hours, key=lambda k: -hours[k])[:5]:
    row(k[0], hours[k], pct[k])
hours = hours_by("team", "type")
design = [k for k in hours if k[0] == "Design"]
print("team,type,hours,hours_pct")
for k, p in zip(design, shares([hours[k] for k in design], 1)):
    row(k[0], k[1], hours[k], p)

# Planned (capacity) against actual (allocated) hours, as each team's share of the firm's.
teams = list(util_rows("team"))
print("team,capacity,allocated,capacity_pct,allocated_pct")
for t, c, h in zip(teams, shares([t[2] for t in teams], 1), shares([t[3] for t in teams], 1)):
    row(t[0], t[2], t[3], c, h)


def littles(keep):
    """Little's law over 2025 on the items' own started and finished dates, abandoned items set aside."""
    a, b = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    days = (b - a).days + 1
    wip = arrivals = departures = cycle = 0
    for i in items:
        if i["state"] == "abandoned" or not i["started"] or not keep(i):
            continue
        s = day(i["started"])
        f = day(i["finished"]) if i["finished"] else None
        wip += max(0, (min(f or b, b) - max(s, a)).days + 1)
        arrivals += a <= s <= b
        if f and a <= f <= b:
            departures += 1
            cycle += (f - s).days + 1
    return a, b, days, arrivals, departures, wip / days, departures / days, cycle / departures, cycle / days


print("start,end,days,arrivals,departures,avg_wip,throughput_per_day,avg_cycletime,throughput_x_cycletime")
row(*littles(lambda i: True))
print("type,avg_wip,throughput_per_day,avg_cycletime,throughput_x_cycletime")
for t in dict.fromkeys(i["type"] for i in items if i["state"] != "abandoned" and i["started"]):
    *_, wip, tp, ct, product = littles(lambda i: i["type"] == t)
    row(t, rnd(wip, 2), rnd(tp, 3), rnd(ct, 2), rnd(product, 2))

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
value, count, spent = collections.defaultdict(float), collections.Counter(), collections.defaultdict(float)
for it, by in per_item.items():
    total = sum(by.values())
    for k, h in by.items():
        value[k] += valued[it] * h / total
        count[k] += 1
        spent[k] += h
print("employment,items,hours,value")
for k in order:
    row(k, count[k], spent[k], rnd(value[k], 2))

# More checks: billable by team, employment with everyone's capacity, the spec's form.
print("team,billable,billable_share_of_capacity")
for team, _, cap, _, _, _, billable in util_rows("team"):
    row(team, billable, rnd(billable / cap, 4) if cap else None)
print("employment,capacity,allocated,utilization,overallocated")
for k, _, cap, hours, u, over, _ in util_rows("employment"):
    row(k, cap, hours, r(u, 4), over)
# Joined to people, only people with allocations count (in order of their first allocation).
seen = list(dict.fromkeys(a["person"] for a in allocations))
people = [person[p] for p in seen]
print("employment,capacity,allocated")
for k, _, cap, hours, *_ in util_rows("employment"):
    row(k, cap, hours)
hours = hours_by("type")
pct = dict(zip(hours, shares(list(hours.values()), 1)))
print("type,hours,hours_pct")
for k in sorted(hours):
    row(k[0], hours[k], pct[k])
teams_with_value = {al["team"] for al in allocations if al["item_id"] in valued}
print("teams,total")
row(len(teams_with_value), rnd(sum(valued.values()), 2))
print("items,total")
row(len(valued), sum(valued.values()))
