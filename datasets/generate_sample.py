#!/usr/bin/env python3
"""Generate the gemba sample dataset ("Northwind Studio"-style knowledge-work firm).

Writes four CSV files next to this script (or into --out):

    people.csv       45 people (employees and network contributors)
    items.csv        work items, one row per item, with their final state
    transitions.csv  the full stage history of every item (event log)
    allocations.csv  daily worklogs: who spent how many hours on which item

The generator is deterministic: the same --seed gives byte-identical files
(it uses only random.Random(seed), never iterates over hash-ordered sets,
sorts every output, and writes '\\n' line endings).  Standard library only.

    python3 datasets/generate_sample.py            # default seed
    python3 datasets/generate_sample.py --seed 7   # another organisation-year

After writing, check_consistency() re-reads every file with the csv module and
raises if any cross-table rule is violated (see datasets/README.md).
"""

import argparse
import csv
import datetime as dt
import math
import os
import random

DEFAULT_SEED = 20250106

WINDOW_START = dt.date(2025, 1, 6)   # a Monday
WINDOW_END = dt.date(2026, 6, 30)    # a Tuesday; the data is "as of" the end of this day

# Company holidays (no allocations, no transitions).
HOLIDAYS = [
    dt.date(2025, 4, 18), dt.date(2025, 4, 21), dt.date(2025, 5, 1),
    dt.date(2025, 5, 29), dt.date(2025, 12, 24), dt.date(2025, 12, 25),
    dt.date(2025, 12, 26), dt.date(2025, 12, 31), dt.date(2026, 1, 1),
    dt.date(2026, 4, 3), dt.date(2026, 4, 6), dt.date(2026, 5, 1),
    dt.date(2026, 5, 14),
]

WORK_START_HOUR = 8      # working hours are 08:00-18:00 UTC
WORK_HOURS = 10

STATES = ["backlog", "analysis", "dev", "review", "test", "done", "abandoned"]
WORK_STAGES = ["analysis", "dev", "review", "test"]
STARTED_STATES = ["analysis", "dev", "review", "test", "done"]

TEAMS = [  # (name, item prefix, weekly arrival rate)
    ("Platform", "PLT", 1.50),
    ("Payments", "PAY", 1.35),
    ("Mobile", "MOB", 1.20),
    ("Data", "DAT", 0.95),
    ("Design", "DSG", 0.90),
]
TEAM_NAMES = [t[0] for t in TEAMS]
TEAM_PREFIX = {t[0]: t[1] for t in TEAMS}
TEAM_ORDER = {t[0]: i for i, t in enumerate(TEAMS)}

# (role, employment, count) per team -> 10 + 10 + 9 + 8 + 8 = 45 people
TEAM_PLAN = {
    "Platform": [("manager", "employee", 1), ("engineer", "employee", 5),
                 ("engineer", "network", 2), ("tester", "employee", 1),
                 ("analyst", "employee", 1)],
    "Payments": [("manager", "employee", 1), ("engineer", "employee", 5),
                 ("engineer", "network", 1), ("tester", "employee", 1),
                 ("tester", "network", 1), ("analyst", "employee", 1)],
    "Mobile": [("manager", "employee", 1), ("engineer", "employee", 4),
               ("engineer", "network", 2), ("tester", "employee", 1),
               ("analyst", "employee", 1)],
    "Data": [("manager", "employee", 1), ("engineer", "employee", 4),
             ("engineer", "network", 1), ("analyst", "employee", 2)],
    "Design": [("manager", "employee", 1), ("designer", "employee", 5),
               ("designer", "network", 1), ("researcher", "employee", 1)],
}

NAMES = [
    "Zoë Müller", "José Núñez", "Amara Okafor", "Liam Brennan", "Priya Raman",
    "Tomasz Nowak", "Hannah Schmidt", "Kenji Watanabe", "Sofia Rossi",
    "Daniel Okonkwo", "Emma Lindqvist", "Mateo García", "Chloé Martin",
    "Noah Fischer", "Aisha Rahman", "Björn Svensson", "Mei Chen", "Oliver Grant",
    "Fatima El-Amin", "Lucas Moreau", "Ingrid Haugen", "Raj Patel",
    "Nadia Petrova", "Samuel Adeyemi", "Clara Weiß", "Ethan Walsh", "Yuki Sato",
    "Gabriel Costa", "Léa Dubois", "Marcus Johnson", "Anja Novak",
    "Diego Herrera", "Freya Nielsen", "Omar Haddad", "Elif Yılmaz",
    "Jonas Becker", "Grace O'Neill", "Sebastian Ortiz", "Maya Goldberg",
    "Arjun Mehta", "Siobhán Murphy", "Pieter de Vries", "Laura Bianchi",
    "Kwame Mensah", "Astrid Berg",
]

RATE_RANGES = {  # EUR per hour (2025 level for employees)
    "engineer": (72, 104), "designer": (64, 92), "analyst": (60, 84),
    "tester": (55, 74), "manager": (92, 118), "researcher": (62, 80),
}
NETWORK_RATE_RANGE = (95, 150)
RAISE_DATE = dt.date(2026, 1, 1)      # employees got a 3.5 % raise on this day
RAISE_FACTOR = 1.035

# name, first day, last day, client-funded, {team: weight}
INITIATIVES = [
    ("Checkout v2", dt.date(2025, 1, 6), dt.date(2025, 10, 31), True,
     {"Payments": 3.0, "Mobile": 2.0, "Design": 2.0, "Platform": 0.5}),
    ("EU Expansion", dt.date(2025, 3, 3), dt.date(2026, 2, 27), True,
     {"Payments": 2.0, "Platform": 1.5, "Data": 1.5, "Mobile": 0.5}),
    ("Mobile 3.0", dt.date(2025, 6, 2), dt.date(2026, 4, 30), False,
     {"Mobile": 3.0, "Design": 2.0}),
    ("Warehouse Migration", dt.date(2025, 2, 3), dt.date(2025, 12, 19), False,
     {"Data": 3.0, "Platform": 1.5}),
    ("Design System", dt.date(2025, 1, 6), dt.date(2026, 6, 30), False,
     {"Design": 2.5, "Mobile": 1.0}),
    ("Partner API", dt.date(2025, 9, 1), dt.date(2026, 6, 30), True,
     {"Platform": 2.5, "Payments": 1.5, "Data": 1.0}),
]
CLIENT_FUNDED = {name: funded for name, _, _, funded, _ in INITIATIVES}

TITLE_OBJECTS = {
    "Platform": ["CI pipeline", "Kubernetes cluster", "API gateway", "log retention",
                 "TLS certificate renewal", "Terraform modules", "secrets rotation",
                 "staging environment", "build cache", "rate limiter", "feature flags",
                 "Postgres upgrade", "on-call runbook", "service mesh", "backup restore",
                 "SSO login", "audit log", "job scheduler", "CDN config", "status page"],
    "Payments": ["refund flow", "3-D Secure flow", "payout schedule", "ledger",
                 "SEPA mandates", "invoice PDF", "currency conversion",
                 "chargeback handling", "Apple Pay", "fraud rules", "VAT calculation",
                 "card vault", "subscription billing", "dunning e-mails",
                 "reconciliation report", "payment links", "tax receipts",
                 "merchant onboarding"],
    "Mobile": ["onboarding screens", "push notifications", "offline mode", "dark mode",
               "App Store release", "deep links", "crash reporting", "biometric login",
               "iPad layout", "order history", "in-app chat", "loyalty card", "map view",
               "photo upload", "settings screen", "home-screen widget"],
    "Data": ["events pipeline", "revenue dashboard", "churn model", "dbt models",
             "GDPR deletion job", "warehouse costs", "cohort report",
             "A/B test analysis", "Looker explores", "data catalogue",
             "Salesforce ingestion", "anomaly alerts", "forecast model",
             "KPI definitions", "data quality checks"],
    "Design": ["design tokens", "icon set", "checkout wireframes", "usability study",
               "style guide", "empty states", "accessibility audit", "onboarding copy",
               "component library", "typography scale", "illustration set",
               "marketing site", "e-mail templates", "error messages",
               "motion guidelines"],
}
TITLE_TEMPLATES = {
    "feature": ["Add {o}", "Build {o}", "Improve {o}", "Redesign {o}",
                "Support {o} for enterprise accounts", "{o}: v2", "Launch {o}",
                "Self-service {o}", "{o}, phase 1", "Extend {o} with audit trail",
                "{o} for EU customers", "Bulk actions in {o}"],
    "bug": ["Fix {o} timeout under load", "{o} shows wrong totals",
            "{o} crashes on save", "Fix flaky tests in {o}",
            "{o}: error 500 after deploy", "{o} ignores time zone",
            'Fix "undefined" label in {o}', "{o} double-counts retries",
            "{o} fails for names with apostrophes", "{o} slow, then times out"],
    "chore": ["Upgrade {o} dependencies", "Clean up {o}", "Document {o}",
              "Migrate {o} to new config", "Remove dead code in {o}",
              "Rotate credentials for {o}", "Add monitoring to {o}",
              "Tidy {o} alerts, dashboards"],
    "spike": ["Spike: evaluate options for {o}", "Investigate {o} performance",
              "Spike: can we drop {o}?", "Prototype {o}",
              "Research {o}, costs and risks"],
}
DESIGN_TEMPLATES = {
    "feature": ["Design {o}", "Refresh {o}", "Extend {o} with dark theme",
                "{o}, round 2", "Prototype {o}", "New {o} for tablets"],
    "bug": ["Contrast too low in {o}", "Inconsistent spacing in {o}",
            "Wrong colours in {o}", "Broken links in {o}"],
    "chore": ["Tidy up {o}", "Document {o}", "Archive old {o}",
              "Move {o} to the shared Figma library"],
    "spike": ["Research: {o}", "Competitor review of {o}", "Card sorting for {o}"],
}
# Hand-written titles that exercise CSV quoting and Unicode.
SPECIAL_TITLES = [
    ("Mobile", "feature", "Café menu: allergen labels"),
    ("Platform", "feature", "Zürich rollout, phase 2"),
    ("Payments", "bug", 'Fix "Pay now" button double-submit'),
    ("Payments", "bug", 'Refund e-mail says "0,00 €" for partial refunds'),
    ("Payments", "feature", "Support São Paulo, Brazil (BRL, Pix)"),
    ("Data", "bug", "Naïve timestamps in the export, off by one hour"),
    ("Data", "chore", 'Rename column "cust_id" to "customer_id"'),
    ("Mobile", "bug", 'Crash on launch when locale is "tr-TR" (dotless ı)'),
    ("Design", "feature", "Crème brûlée colour palette for the spring campaign"),
    ("Design", "spike", 'Research: do users understand "Save for later"?'),
    ("Platform", "chore", "Launch checklist 🚀 for the Partner API"),
    ("Platform", "bug", 'Logs show "Ã¼" instead of "ü" for Zürich office'),
    ("Mobile", "feature", "Köln & Düsseldorf store locator"),
    ("Data", "spike", "Spike: forecast demand for Malmö, Göteborg, Århus"),
]

FILES = {
    "people.csv": ["person", "name", "team", "role", "employment", "weekly_capacity",
                   "hourly_rate", "start_date", "end_date"],
    "items.csv": ["item_id", "title", "type", "team", "assignee", "priority", "created",
                  "started", "finished", "state", "estimate", "value", "initiative"],
    "transitions.csv": ["item_id", "at", "from_state", "to_state"],
    "allocations.csv": ["alloc_id", "item_id", "person", "team", "role", "day", "hours",
                        "billable", "rate"],
}


# --------------------------------------------------------------------------- calendar

def build_calendar():
    holidays = set(HOLIDAYS)
    days = []
    d = WINDOW_START
    while d <= WINDOW_END:
        if d.weekday() < 5 and d not in holidays:
            days.append(d)
        d += dt.timedelta(days=1)
    return days


WORKDAYS = build_calendar()
WD_INDEX = {d: i for i, d in enumerate(WORKDAYS)}
T_END = len(WORKDAYS) - 1e-6          # "working clock" value of 2026-06-30 18:00


def first_workday_on_or_after(d):
    while d not in WD_INDEX:
        d += dt.timedelta(days=1)
        if d > WINDOW_END:
            return None
    return WD_INDEX[d]


def clock_to_datetime(t):
    """Working clock -> UTC datetime.  One unit = one working day (08:00-18:00)."""
    i = int(math.floor(t))
    secs = int(round((t - i) * WORK_HOURS * 3600))
    secs = min(max(secs, 0), WORK_HOURS * 3600 - 1)
    return dt.datetime.combine(WORKDAYS[i], dt.time(WORK_START_HOUR)) + dt.timedelta(seconds=secs)


def fmt_dt(x):
    return x.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_float(x):
    return repr(float(x))


def fmt_money(x):
    return "%.2f" % x


def lognormal(rng, median, sigma):
    return median * math.exp(rng.gauss(0.0, sigma))


def poisson(rng, lam):
    l_, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l_:
            return k
        k += 1


def quarter(h):
    return round(h * 4) / 4.0


# --------------------------------------------------------------------------- people

def random_workday(rng, lo, hi):
    """Random Monday-Friday date in [lo, hi]."""
    span = (hi - lo).days
    while True:
        d = lo + dt.timedelta(days=rng.randrange(span + 1))
        if d.weekday() < 5 and d not in HOLIDAYS:
            return d


def last_friday_of_month(y, m):
    d = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    while d.weekday() != 4:
        d -= dt.timedelta(days=1)
    return d


def make_people(rng):
    slots = []
    for team in TEAM_NAMES:
        for role, emp, n in TEAM_PLAN[team]:
            for _ in range(n):
                slots.append({"team": team, "role": role, "employment": emp})

    employees = [s for s in slots if s["employment"] == "employee"]
    network = [s for s in slots if s["employment"] == "network"]

    # Employment dates.  Everybody else joined before the window.
    for s in employees:
        if s["role"] == "manager":
            s["start"] = random_workday(rng, dt.date(2016, 3, 1), dt.date(2021, 12, 31))
        else:
            s["start"] = random_workday(rng, dt.date(2017, 1, 1), dt.date(2024, 11, 29))
        s["end"] = None
    non_mgr = [s for s in employees if s["role"] in ("engineer", "designer", "analyst")]
    movers = rng.sample(non_mgr, 8)
    for s in movers[:5]:          # hired during the window
        s["start"] = random_workday(rng, dt.date(2025, 2, 3), dt.date(2026, 3, 31))
    for s in movers[5:]:          # left during the window
        y, m = rng.choice([(2025, 5), (2025, 8), (2025, 11), (2026, 2), (2026, 4)])
        s["end"] = last_friday_of_month(y, m)
    for s in network:
        s["start"] = random_workday(rng, dt.date(2024, 3, 1), dt.date(2025, 9, 30))
        s["end"] = None
    for s in rng.sample(network, 3):  # contracts that ended
        y, m = rng.choice([(2025, 6), (2025, 9), (2025, 12), (2026, 3)])
        end = last_friday_of_month(y, m)
        if end > s["start"] + dt.timedelta(days=90):
            s["end"] = end

    # Capacity and rates.
    part_timers = rng.sample([s for s in employees if s["role"] != "manager"], 6)
    for s in employees:
        s["capacity"] = 40.0
    for s in part_timers[:5]:
        s["capacity"] = 32.0
    part_timers[5]["capacity"] = 20.0
    net_caps = [40.0, 40.0, 32.0, 24.0, 16.0, 20.0, None, None]
    rng.shuffle(net_caps)
    for s, c in zip(network, net_caps):
        s["capacity"] = c
    for s in slots:
        if s["employment"] == "employee":
            lo, hi = RATE_RANGES[s["role"]]
            s["rate_old"] = float(rng.randrange(lo, hi + 1))
            s["rate_new"] = round(s["rate_old"] * RAISE_FACTOR * 2) / 2.0
        else:
            lo, hi = NETWORK_RATE_RANGE
            s["rate_old"] = s["rate_new"] = float(rng.randrange(lo, hi + 1, 5))

    # Person ids follow hire order (p01 = longest-serving).
    slots.sort(key=lambda s: (s["start"], TEAM_ORDER[s["team"]], s["role"]))
    names = NAMES[:]
    rng.shuffle(names)
    people = []
    for i, s in enumerate(slots):
        p = dict(s)
        p["person"] = "p%02d" % (i + 1)
        p["name"] = names[i]
        last_day = min(p["end"] or WINDOW_END, WINDOW_END)
        p["hourly_rate"] = p["rate_new"] if last_day >= RAISE_DATE else p["rate_old"]
        p["daily_cap"] = (p["capacity"] / 5.0) if p["capacity"] else 8.0
        # Time off: holidays in blocks plus scattered sick days (working-day indices).
        off = set()
        n_blocks = 5 if p["employment"] == "employee" else 3
        for _ in range(n_blocks):
            start = rng.randrange(len(WORKDAYS))
            for k in range(rng.randint(3, 10)):
                off.add(start + k)
        for _ in range(rng.randint(2, 9)):
            off.add(rng.randrange(len(WORKDAYS)))
        p["off"] = off
        people.append(p)
    return people


def person_active(p, day):
    if day < p["start"]:
        return False
    if p["end"] is not None and day > p["end"]:
        return False
    return True


def person_available(p, idx):
    return person_active(p, WORKDAYS[idx]) and idx not in p["off"]


def rate_on(p, day):
    return p["rate_new"] if day >= RAISE_DATE else p["rate_old"]


# --------------------------------------------------------------------------- items

def season_factor(d):
    if (d.month == 12 and d.day >= 19) or (d.month == 1 and d.day <= 3):
        return 0.3
    if (d.month == 7 and d.day >= 14) or (d.month == 8 and d.day <= 22):
        return 0.65
    if d.month in (1, 2):
        return 1.15
    return 1.0


def make_arrivals(rng):
    """Returns a list of dicts with team, t_created, imported flag."""
    arrivals = []
    # The firm moved to this tool on 2025-01-06 and imported its open backlog.
    t_import = 0.1  # 09:00
    for team in TEAM_NAMES:
        for _ in range(6):
            arrivals.append({"team": team, "t": t_import, "imported": True})
    n_weeks = ((WINDOW_END - WINDOW_START).days // 7) + 1
    for w in range(n_weeks):
        wk = WINDOW_START + dt.timedelta(days=7 * w)
        days = [WD_INDEX[wk + dt.timedelta(days=k)] for k in range(5)
                if (wk + dt.timedelta(days=k)) in WD_INDEX]
        if not days:
            continue
        global_noise = lognormal(rng, 1.0, 0.30)
        trend = 1.0 + 0.15 * w / n_weeks
        for team, _, base in TEAMS:
            lam = base * season_factor(wk) * trend * global_noise * lognormal(rng, 1.0, 0.25)
            lam *= len(days) / 5.0
            for _ in range(poisson(rng, lam)):
                t = rng.choice(days) + rng.uniform(0.02, 0.97)
                arrivals.append({"team": team, "t": t, "imported": False})
    arrivals.sort(key=lambda a: (a["t"], TEAM_ORDER[a["team"]]))
    return arrivals


def pick_type(rng, team):
    if team == "Design":
        return rng.choices(["feature", "bug", "chore", "spike"], [55, 10, 20, 15])[0]
    if team == "Data":
        return rng.choices(["feature", "bug", "chore", "spike"], [40, 25, 15, 20])[0]
    return rng.choices(["feature", "bug", "chore", "spike"], [45, 32, 14, 9])[0]


def pick_priority(rng, typ, imported):
    if imported:
        return rng.choices([1, 2, 3, 4], [2, 15, 45, 38])[0]
    if typ == "bug":
        return rng.choices([1, 2, 3, 4], [25, 35, 30, 10])[0]
    return rng.choices([1, 2, 3, 4], [6, 27, 45, 22])[0]


def pick_estimate(rng, typ):
    if typ == "feature":
        est = rng.choices([2, 3, 5, 8, 13], [10, 25, 30, 22, 13])[0]
    elif typ == "bug":
        est = rng.choices([1, 2, 3, 5], [35, 35, 20, 10])[0]
    elif typ == "chore":
        est = rng.choices([0.5, 1, 2, 3], [15, 40, 30, 15])[0]
    else:
        est = rng.choices([1, 2, 3, 5], [20, 35, 30, 15])[0]
    return float(est)


def pick_initiative(rng, team, typ, created):
    p_init = {"feature": 0.85, "bug": 0.6, "chore": 0.45, "spike": 0.7}[typ]
    if rng.random() >= p_init:
        return None
    cands, weights = [], []
    for name, lo, hi, _, teams in INITIATIVES:
        if team in teams and lo <= created <= hi:
            cands.append(name)
            weights.append(teams[team])
    if not cands:
        return None
    return rng.choices(cands, weights)[0]


def pick_value(rng, typ, est, imported):
    size = est if est is not None else 3.0
    if typ == "feature":
        if rng.random() < 0.05:
            return None
        v = lognormal(rng, 6000 * size ** 0.7, 0.8)
    elif typ == "bug":
        if rng.random() < 0.45:
            return None
        v = lognormal(rng, 2500, 0.9)
    elif typ == "chore":
        if rng.random() < 0.6:
            return None
        v = lognormal(rng, 1500, 0.7)
    else:
        if rng.random() < 0.75:
            return None
        v = lognormal(rng, 4000, 0.9)
    if imported:
        v *= 0.7
    return max(100.0, round(v / 100.0) * 100.0)


def plan_path(rng, typ, team):
    """The intended stage sequence after backlog (stage skipping lives here)."""
    if team == "Design":
        path = ["analysis", "dev", "review"]
        if typ == "feature" and rng.random() < 0.3:
            path.append("test")          # usability test
        if typ == "bug" and rng.random() < 0.7:
            path.remove("analysis")
        if typ == "spike":
            path = ["analysis", "review"] if rng.random() < 0.6 else ["analysis"]
        return path + ["done"]
    if typ == "feature":
        path = ["analysis", "dev", "review", "test"]
        if rng.random() < 0.07:
            path.remove("review")
        if rng.random() < 0.06:
            path.remove("test")
        if team == "Data" and rng.random() < 0.5 and "test" in path:
            path.remove("test")
    elif typ == "bug":
        path = ["dev", "review", "test"]
        if rng.random() < 0.3:
            path.insert(0, "analysis")
        if rng.random() < 0.3:
            path.remove("test")
        if team == "Data" and "test" in path and rng.random() < 0.6:
            path.remove("test")
    elif typ == "chore":
        path = ["dev", "review"] if rng.random() < 0.6 else ["dev"]
    else:  # spike
        path = ["analysis"] if rng.random() < 0.5 else ["analysis", "dev"]
    return path + ["done"]


def stage_duration(rng, stage, size, typ, team, dev_entries, reopened):
    if stage == "analysis":
        d = lognormal(rng, 2.6 * size ** 0.4, 0.7)
    elif stage == "dev":
        med = 7.5 * size ** 0.8
        if typ == "spike":
            med = 3.5 * size ** 0.5
        if team == "Design":
            med *= 1.2
        if dev_entries > 1:
            med *= 0.35      # rework after review/test or reopen
        d = lognormal(rng, med, 0.8)
    elif stage == "review":
        d = lognormal(rng, 1.2, 0.8)
    else:  # test
        d = lognormal(rng, 2.4 * size ** 0.4, 0.7)
    if reopened:
        d *= 0.6
    return max(d, 0.03)


BACKLOG_WAIT_MEDIAN = {1: 0.4, 2: 2.5, 3: 7.0, 4: 16.0}


def simulate(rng, item):
    """Simulate one item's life on the working clock.

    Returns (events, blocks, meta) where events is a list of [t, to_state]
    (first is backlog at creation) and blocks is a list of (t0, t1, stage)
    blocked intervals during which nobody logs time on the item.
    """
    typ, team, prio = item["type"], item["team"], item["priority"]
    t = item["t_created"]
    events = [[t, "backlog"]]
    blocks = []
    meta = {"reopened": False, "blocked": False, "bounced": False,
            "rework": 0, "abandoned": False}

    p_never = 0.25 if item["imported"] else (0.05 + (0.05 if prio == 4 else 0.0))
    p_abandon_backlog = 0.15 if item["imported"] else 0.045
    r = rng.random()
    if r < p_never:
        return events, blocks, meta
    if r < p_never + p_abandon_backlog:
        t_ab = t + lognormal(rng, 25.0, 0.7)
        if t_ab <= T_END:
            events.append([t_ab, "abandoned"])
            meta["abandoned"] = True
        return events, blocks, meta

    t += lognormal(rng, BACKLOG_WAIT_MEDIAN[prio], 1.0)
    est = item["estimate"] if item["estimate"] is not None else item["hidden_size"]
    size = max(0.3, est / 3.0 * lognormal(rng, 1.0, 0.45))

    path = plan_path(rng, typ, team)
    work = [s for s in path if s != "done"]
    abandon_stage = None
    if rng.random() < 0.065:
        abandon_stage = rng.choice(work)
    block_stage = None
    if rng.random() < 0.16:
        weights = {"analysis": 1, "dev": 6, "review": 1.5, "test": 1.5}
        block_stage = rng.choices(work, [weights[s] for s in work])[0]
        meta["blocked"] = True

    p_reopen = {"feature": 0.05, "bug": 0.07, "chore": 0.02, "spike": 0.0}[typ]
    i, dev_entries, review_rework, test_rework = 0, 0, 0, 0
    reopened = False
    while i < len(path):
        st = path[i]
        events.append([t, st])
        if st == "done":
            if not reopened and rng.random() < p_reopen:
                reopened = meta["reopened"] = True
                t += lognormal(rng, 7.0, 0.8)
                back = "test" if ("test" in path and rng.random() < 0.3) else "dev"
                path = [back] + (["test"] if back == "dev" and "test" in path else []) + ["done"]
                if back == "dev" and "review" in work:
                    path.insert(1, "review")
                i = 0
                continue
            break
        if st == "dev":
            dev_entries += 1
        dur = stage_duration(rng, st, size, typ, team, dev_entries, reopened)
        if st == block_stage and not reopened:
            b0 = t + dur * rng.uniform(0.1, 0.6)
            bdur = lognormal(rng, 4.0, 0.7)
            blocks.append((b0, b0 + bdur, st))
            dur += bdur
            block_stage = None
        if st == abandon_stage and not reopened:
            t += dur * rng.uniform(0.2, 0.9)
            events.append([t, "abandoned"])
            meta["abandoned"] = t <= T_END
            break
        t += dur
        # Backward moves.
        if st == "analysis" and not meta["bounced"] and rng.random() < 0.035:
            meta["bounced"] = True
            events.append([t, "backlog"])
            t += lognormal(rng, 12.0, 0.6)
            continue                      # re-enter analysis
        if st == "review" and review_rework < 2 and "dev" in path and rng.random() < 0.18:
            review_rework += 1
            meta["rework"] += 1
            i = path.index("dev")
            continue
        if st == "test" and test_rework < 1 and "dev" in path and rng.random() < 0.12:
            test_rework += 1
            meta["rework"] += 1
            i = path.index("dev")
            continue
        i += 1

    # Truncate at the end of the window: whatever happens later is unknown.
    events = [e for e in events if e[0] <= T_END]
    blocks = [(a, min(b, T_END), s) for a, b, s in blocks if a <= T_END]
    # Guarantee strictly increasing timestamps (at least one minute apart).
    for k in range(1, len(events)):
        if events[k][0] < events[k - 1][0] + 1.0 / 600:
            events[k][0] = events[k - 1][0] + 1.0 / 600
    events = [e for e in events if e[0] <= T_END]
    return events, blocks, meta


def make_title(rng, team, typ, used):
    objs = TITLE_OBJECTS[team]
    tmpls = (DESIGN_TEMPLATES if team == "Design" else TITLE_TEMPLATES)[typ]
    for _ in range(30):
        title = rng.choice(tmpls).format(o=rng.choice(objs))
        title = title[0].upper() + title[1:]
        if title not in used:
            return title
    n = 2
    while "%s (part %d)" % (title, n) in used:
        n += 1
    return "%s (part %d)" % (title, n)


# --------------------------------------------------------------------------- staffing

class Staff:
    def __init__(self, people):
        self.people = people
        self.by_id = {p["person"]: p for p in people}

    def team_role(self, team, roles):
        return [p for p in self.people if p["team"] == team and p["role"] in roles]

    def pick(self, rng, team, roles, idx, exclude=()):
        cands = [p for p in self.team_role(team, roles)
                 if p["person"] not in exclude and person_active(p, WORKDAYS[idx])]
        if not cands:
            return None
        weights = [0.8 if p["employment"] == "network" else 1.0 for p in cands]
        return rng.choices(cands, weights)[0]


def doer_roles(team):
    return ("designer",) if team == "Design" else ("engineer",)


def analyst_roles(team):
    return ("researcher",) if team == "Design" else ("analyst",)


def tester_roles(team):
    if team == "Design":
        return ("researcher",)
    if team == "Data":
        return ("analyst",)
    return ("tester",)


# Contribution model per stage: (who, probability of logging that day, typical hours)
STAGE_WORK = {
    "analysis": [("analyst", 0.80, 4.5), ("doer", 0.45, 2.0), ("xdesigner", 0.60, 3.5)],
    "dev": [("doer", 0.92, 6.0), ("pair", 0.60, 3.0), ("xdesigner", 0.25, 2.0)],
    "review": [("reviewer", 0.75, 2.0), ("doer", 0.50, 1.5)],
    "test": [("tester", 0.85, 5.5), ("doer", 0.35, 1.0)],
}


def generate(seed):
    rng = random.Random(seed)
    people = make_people(rng)
    staff = Staff(people)

    # ---- items
    arrivals = make_arrivals(rng)
    counters = {team: 100 for team in TEAM_NAMES}
    items, used_titles = [], set()
    for a in arrivals:
        team = a["team"]
        counters[team] += 1
        typ = pick_type(rng, team)
        created = WORKDAYS[int(a["t"])]
        est = pick_estimate(rng, typ)
        hidden = est
        if rng.random() < 0.15:
            est = None
        title = make_title(rng, team, typ, used_titles)
        used_titles.add(title)
        item = {
            "item_id": "%s-%d" % (TEAM_PREFIX[team], counters[team]),
            "seq": counters[team], "team": team, "type": typ, "title": title,
            "t_created": a["t"], "created": created, "imported": a["imported"],
            "priority": pick_priority(rng, typ, a["imported"]),
            "estimate": est, "hidden_size": hidden,
            "initiative": pick_initiative(rng, team, typ, created),
        }
        item["value"] = pick_value(rng, typ, hidden, a["imported"])
        items.append(item)

    for team, typ, title in SPECIAL_TITLES:
        cands = [it for it in items if it["team"] == team and it["type"] == typ
                 and not it.get("special")]
        if cands:
            it = rng.choice(cands)
            it["title"] = title
            it["special"] = True

    # ---- lifecycles
    for it in items:
        events, blocks, meta = simulate(rng, it)
        it["events"], it["blocks"], it["meta"] = events, blocks, meta
        it["weekend_done"] = None
        start_ev = next((e for e in events if e[1] in STARTED_STATES), None)
        it["t_started"] = start_ev[0] if start_ev else None
        it["assignee"] = None
        if start_ev:
            idx = int(start_ev[0])
            roles = doer_roles(it["team"])
            if it["team"] == "Data" and it["type"] == "spike" and rng.random() < 0.4:
                roles = ("analyst",)
            p = (staff.pick(rng, it["team"], roles, idx)
                 or staff.pick(rng, it["team"], doer_roles(it["team"]), idx)
                 or staff.pick(rng, it["team"], ("engineer", "designer", "analyst",
                                                 "tester", "researcher", "manager"), idx))
            it["assignee"] = p["person"]

        # Weekend hotfix: an urgent bug whose last step happened on a Friday is
        # shipped on the Saturday instead.
        if it["type"] == "bug" and it["priority"] == 1 and rng.random() < 0.6:
            k = next((j for j, e in enumerate(events) if e[1] == "done"), None)
            if k is not None and k >= 1:
                prev_day = WORKDAYS[int(events[k - 1][0])]
                sat = prev_day + dt.timedelta(days=1)
                monday_idx = first_workday_on_or_after(sat)
                ok = (prev_day.weekday() == 4 and sat <= WINDOW_END
                      and monday_idx is not None and events[k][0] < monday_idx + 1
                      and all(e[0] >= monday_idx for e in events[k + 1:]))
                if ok:
                    events[k][0] = max(events[k - 1][0] + 1.0 / 600,
                                       int(events[k - 1][0]) + 0.999)
                    secs = rng.randrange(9 * 3600, 15 * 3600)
                    it["weekend_done"] = (k, dt.datetime.combine(sat, dt.time(0))
                                          + dt.timedelta(seconds=secs))

        # Per-item staffing choices.
        it["xdesign"] = (it["type"] == "feature" and it["team"] in ("Mobile", "Payments", "Platform")
                         and rng.random() < (0.25 if it["team"] == "Platform" else 0.5))
        it["pairing"] = rng.random() < 0.25
        bill = CLIENT_FUNDED.get(it["initiative"], False) if it["initiative"] else False
        it["client_billable"] = bill

    # ---- allocations
    hours = {}      # (item_id, person, date) -> hours   (insertion-ordered)
    used = {}       # (person, date) -> hours booked
    for it in items:
        if it["t_started"] is None:
            continue
        team = it["team"]
        ev = it["events"]
        segs = []
        for k, (t0, st) in enumerate(ev):
            t1 = ev[k + 1][0] if k + 1 < len(ev) else T_END
            if st in WORK_STAGES and t1 > t0:
                segs.append((t0, t1, st))
        # remove blocked time
        for b0, b1, _ in it["blocks"]:
            new = []
            for t0, t1, st in segs:
                if b1 <= t0 or b0 >= t1:
                    new.append((t0, t1, st))
                    continue
                if b0 > t0:
                    new.append((t0, b0, st))
                if b1 < t1:
                    new.append((b1, t1, st))
            segs = new
        daily = {}   # (idx, stage) -> fraction of the day
        for t0, t1, st in segs:
            d = int(t0)
            while d < t1 and d < len(WORKDAYS):
                frac = min(t1, d + 1) - max(t0, d)
                if frac > 0:
                    daily[(d, st)] = daily.get((d, st), 0.0) + frac
                d += 1
        cast = {}    # role key -> person dict, re-picked when unavailable

        def who(key, idx):
            p = cast.get(key)
            if p is not None and person_available(p, idx):
                return p
            exclude = [it["assignee"]] if key in ("reviewer", "pair") else []
            if key == "doer":
                p0 = staff.by_id[it["assignee"]]
                if person_available(p0, idx):
                    return p0
                # cover for an absent or departed assignee
                p = staff.pick(rng, team, doer_roles(team), idx, exclude=[it["assignee"]])
            elif key in ("reviewer", "pair"):
                p = staff.pick(rng, team, doer_roles(team), idx, exclude=exclude)
            elif key == "analyst":
                p = staff.pick(rng, team, analyst_roles(team), idx) or \
                    staff.pick(rng, team, ("manager",), idx)
            elif key == "tester":
                p = staff.pick(rng, team, tester_roles(team), idx)
            elif key == "xdesigner":
                p = staff.pick(rng, "Design", ("designer",), idx)
            elif key == "manager":
                p = staff.pick(rng, team, ("manager",), idx)
            if p is None or not person_available(p, idx):
                return None
            if key != "doer":
                cast[key] = p
            return p

        for (idx, st), frac in daily.items():
            contribs = list(STAGE_WORK[st]) + [("manager", 0.06, 1.0)]
            eff = min(1.0, frac * 1.2)
            for key, prob, typical in contribs:
                if key == "xdesigner" and not it["xdesign"]:
                    continue
                if key == "pair" and not it["pairing"]:
                    continue
                if rng.random() >= prob * (0.5 + 0.5 * eff):
                    continue
                h = quarter(typical * eff * lognormal(rng, 1.0, 0.4))
                r = rng.random()      # people like round numbers in timesheets
                if r < 0.25 and h >= 1.0:
                    h = float(round(h))
                elif r < 0.6 and h >= 0.5:
                    h = round(h * 2) / 2.0
                if h < 0.25:
                    continue
                p = who(key, idx)
                if p is None:
                    continue
                day = WORKDAYS[idx]
                room = math.floor((p["daily_cap"] - used.get((p["person"], day), 0.0)) * 4) / 4.0
                h = min(h, room, 8.0 - hours.get((it["item_id"], p["person"], day), 0.0))
                if h < 0.25:
                    continue
                used[(p["person"], day)] = used.get((p["person"], day), 0.0) + h
                k3 = (it["item_id"], p["person"], day)
                hours[k3] = hours.get(k3, 0.0) + h

        if it["weekend_done"]:
            sat = it["weekend_done"][1].date()
            p = staff.by_id[it["assignee"]]
            if person_active(p, sat):
                hours[(it["item_id"], p["person"], sat)] = quarter(rng.uniform(1.5, 4.0))

    # ---- rows
    by_id = {it["item_id"]: it for it in items}
    people_rows = []
    for p in sorted(people, key=lambda p: p["person"]):
        people_rows.append([
            p["person"], p["name"], p["team"], p["role"], p["employment"],
            fmt_float(p["capacity"]) if p["capacity"] is not None else "",
            fmt_money(p["hourly_rate"]), p["start"].isoformat(),
            p["end"].isoformat() if p["end"] else "",
        ])

    item_rows, trans_rows = [], []
    for it in sorted(items, key=lambda x: (TEAM_ORDER[x["team"]], x["seq"])):
        ev = it["events"]
        stamps = [clock_to_datetime(t) for t, _ in ev]
        if it["weekend_done"]:
            k, when = it["weekend_done"]
            stamps[k] = when
        prev = ""
        for (t, st), when in zip(ev, stamps):
            trans_rows.append([it["item_id"], fmt_dt(when), prev, st])
            prev = st
        state = ev[-1][1]
        started = next((w.date() for (t, st), w in zip(ev, stamps) if st in STARTED_STATES), None)
        finished = None
        if state == "done":
            finished = [w.date() for (t, st), w in zip(ev, stamps) if st == "done"][-1]
        it["state"], it["started"], it["finished"] = state, started, finished
        item_rows.append([
            it["item_id"], it["title"], it["type"], it["team"], it["assignee"] or "",
            str(it["priority"]), it["created"].isoformat(),
            started.isoformat() if started else "",
            finished.isoformat() if finished else "", state,
            fmt_float(it["estimate"]) if it["estimate"] is not None else "",
            fmt_money(it["value"]) if it["value"] is not None else "",
            it["initiative"] or "",
        ])

    alloc_keys = sorted(hours.keys(), key=lambda k: (
        k[2], TEAM_ORDER[by_id[k[0]]["team"]], by_id[k[0]]["seq"], k[1]))
    alloc_rows = []
    for n, (item_id, person, day) in enumerate(alloc_keys, start=1):
        p = staff.by_id[person]
        it = by_id[item_id]
        billable = it["client_billable"] and p["role"] != "manager"
        if billable and rng.random() < 0.03:
            billable = False          # written off
        alloc_rows.append([
            str(n), item_id, person, p["team"], p["role"], day.isoformat(),
            fmt_float(hours[(item_id, person, day)]), "true" if billable else "false",
            fmt_money(rate_on(p, day)),
        ])

    return {
        "people.csv": people_rows,
        "items.csv": item_rows,
        "transitions.csv": trans_rows,
        "allocations.csv": alloc_rows,
    }


def write_csvs(tables, out_dir):
    for name, rows in tables.items():
        path = os.path.join(out_dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(FILES[name])
            w.writerows(rows)


# --------------------------------------------------------------------------- checks

class ConsistencyError(Exception):
    pass


def check_consistency(out_dir, max_total_bytes=3_000_000):
    """Re-read the CSVs and verify types and cross-table rules.  Raises ConsistencyError."""
    errors = []

    def fail(msg):
        errors.append(msg)
        if len(errors) >= 50:
            raise ConsistencyError("\n".join(errors))

    def read(name):
        path = os.path.join(out_dir, name)
        with open(path, "rb") as fb:
            raw = fb.read()
        if b"\r" in raw:
            fail("%s: contains carriage returns" % name)
        with open(path, encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            header = next(r)
            if header != FILES[name]:
                fail("%s: header %r != %r" % (name, header, FILES[name]))
            rows = []
            for n, row in enumerate(r, start=2):
                if len(row) != len(header):
                    fail("%s line %d: %d fields" % (name, n, len(row)))
                rows.append(dict(zip(header, row)))
        return rows, len(raw)

    def date_or_none(s, what, nullable):
        if s == "":
            if not nullable:
                fail("%s: unexpected null" % what)
            return None
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            fail("%s: bad date %r" % (what, s))
            return None

    total = 0
    people, n = read("people.csv"); total += n
    items, n = read("items.csv"); total += n
    trans, n = read("transitions.csv"); total += n
    allocs, n = read("allocations.csv"); total += n
    if total > max_total_bytes:
        fail("total CSV size %d bytes exceeds %d" % (total, max_total_bytes))

    # people
    pmap = {}
    for p in people:
        pid = p["person"]
        if pid in pmap:
            fail("people: duplicate %s" % pid)
        pmap[pid] = p
        if p["team"] not in TEAM_PREFIX:
            fail("people %s: bad team" % pid)
        if p["employment"] not in ("employee", "network"):
            fail("people %s: bad employment" % pid)
        if p["weekly_capacity"] == "" and p["employment"] != "network":
            fail("people %s: null capacity for an employee" % pid)
        p["_start"] = date_or_none(p["start_date"], "people %s start" % pid, False)
        p["_end"] = date_or_none(p["end_date"], "people %s end" % pid, True)
        float(p["hourly_rate"])
    if sorted(pmap) != ["p%02d" % i for i in range(1, len(pmap) + 1)]:
        fail("people: ids are not p01..pNN")

    def active(pid, day):
        p = pmap[pid]
        return p["_start"] <= day and (p["_end"] is None or day <= p["_end"])

    # items
    imap = {}
    for it in items:
        iid = it["item_id"]
        if iid in imap:
            fail("items: duplicate %s" % iid)
        imap[iid] = it
        if it["team"] not in TEAM_PREFIX or not iid.startswith(TEAM_PREFIX[it["team"]] + "-"):
            fail("items %s: team/prefix mismatch" % iid)
        if it["type"] not in ("feature", "bug", "chore", "spike"):
            fail("items %s: bad type" % iid)
        if it["state"] not in STATES:
            fail("items %s: bad state" % iid)
        if it["priority"] not in ("1", "2", "3", "4"):
            fail("items %s: bad priority" % iid)
        for col in ("estimate", "value"):
            if it[col] != "":
                float(it[col])
        if it["assignee"] and it["assignee"] not in pmap:
            fail("items %s: unknown assignee" % iid)
        it["_created"] = date_or_none(it["created"], iid + " created", False)
        it["_started"] = date_or_none(it["started"], iid + " started", True)
        it["_finished"] = date_or_none(it["finished"], iid + " finished", True)
        if (it["assignee"] == "") != (it["_started"] is None):
            fail("items %s: assignee must be null exactly when never started" % iid)
        if it["assignee"] and it["_started"] and not active(it["assignee"], it["_started"]):
            fail("items %s: assignee not employed on start date" % iid)

    # transitions
    hist = {}
    for tr in trans:
        if tr["item_id"] not in imap:
            fail("transitions: unknown item %s" % tr["item_id"])
            continue
        try:
            at = dt.datetime.strptime(tr["at"], "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            fail("transitions: bad datetime %r" % tr["at"])
            continue
        if tr["to_state"] not in STATES or (tr["from_state"] and tr["from_state"] not in STATES):
            fail("transitions %s: bad state" % tr["item_id"])
        if not (WINDOW_START <= at.date() <= WINDOW_END):
            fail("transitions %s: outside window" % tr["item_id"])
        hist.setdefault(tr["item_id"], []).append((at, tr["from_state"], tr["to_state"]))
    weekend_tr = 0
    for iid, it in imap.items():
        h = hist.get(iid)
        if not h:
            fail("items %s: no transitions" % iid)
            continue
        h.sort()
        if h[0][1] != "" or h[0][2] != "backlog":
            fail("%s: first transition must be null -> backlog" % iid)
        if h[0][0].date() != it["_created"]:
            fail("%s: created %s != first transition %s" % (iid, it["_created"], h[0][0]))
        for a, b in zip(h, h[1:]):
            if b[0] <= a[0]:
                fail("%s: timestamps not strictly increasing" % iid)
            if b[1] != a[2]:
                fail("%s: from_state %s != previous to_state %s" % (iid, b[1], a[2]))
            if b[1] == "" or a[2] == "abandoned":
                fail("%s: transition after abandonment or null from_state" % iid)
        for at, _, _ in h:
            if at.weekday() >= 5:
                weekend_tr += 1
            if not (WORK_START_HOUR <= at.hour < WORK_START_HOUR + WORK_HOURS) and at.weekday() < 5:
                fail("%s: transition outside working hours" % iid)
        if h[-1][2] != it["state"]:
            fail("%s: state %s != last transition %s" % (iid, it["state"], h[-1][2]))
        starts = [at.date() for at, _, to in h if to in STARTED_STATES]
        exp_started = starts[0] if starts else None
        if exp_started != it["_started"]:
            fail("%s: started %s != transitions %s" % (iid, it["_started"], exp_started))
        dones = [at.date() for at, _, to in h if to == "done"]
        exp_finished = dones[-1] if (it["state"] == "done" and dones) else None
        if exp_finished != it["_finished"]:
            fail("%s: finished %s != transitions %s" % (iid, it["_finished"], exp_finished))
        it["_last"] = h[-1][0].date()
        it["_closed"] = it["state"] in ("done", "abandoned")
    if weekend_tr > 0.01 * len(trans):
        fail("too many weekend transitions: %d" % weekend_tr)

    # allocations
    seen = set()
    weekend_alloc = 0
    for n_, a in enumerate(allocs, start=1):
        if a["alloc_id"] != str(n_):
            fail("allocations: alloc_id %s out of sequence" % a["alloc_id"])
        it = imap.get(a["item_id"])
        p = pmap.get(a["person"])
        if it is None or p is None:
            fail("allocations %s: unknown item or person" % a["alloc_id"])
            continue
        if a["team"] != p["team"] or a["role"] != p["role"]:
            fail("allocations %s: team/role differ from people.csv" % a["alloc_id"])
        day = date_or_none(a["day"], "allocation day", False)
        hrs = float(a["hours"])
        if not (0.25 <= hrs <= 8.0) or hrs * 4 != int(hrs * 4):
            fail("allocations %s: hours %s" % (a["alloc_id"], a["hours"]))
        if a["billable"] not in ("true", "false"):
            fail("allocations %s: billable %r" % (a["alloc_id"], a["billable"]))
        if float(a["rate"]) <= 0:
            fail("allocations %s: rate" % a["alloc_id"])
        if it["_started"] is None or day < it["_started"]:
            fail("allocations %s: before item %s started" % (a["alloc_id"], a["item_id"]))
        if it["_closed"] and day > it["_last"]:
            fail("allocations %s: after item %s closed" % (a["alloc_id"], a["item_id"]))
        if not active(a["person"], day):
            fail("allocations %s: %s not employed on %s" % (a["alloc_id"], a["person"], day))
        if day.weekday() >= 5:
            weekend_alloc += 1
        key = (a["item_id"], a["person"], a["day"])
        if key in seen:
            fail("allocations: duplicate item/person/day %s" % (key,))
        seen.add(key)
    if weekend_alloc > 0.01 * max(1, len(allocs)):
        fail("too many weekend allocations: %d" % weekend_alloc)

    if errors:
        raise ConsistencyError("\n".join(errors))
    return {"people.csv": len(people), "items.csv": len(items),
            "transitions.csv": len(trans), "allocations.csv": len(allocs),
            "bytes": total}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = ap.parse_args()
    tables = generate(args.seed)
    write_csvs(tables, args.out)
    summary = check_consistency(args.out)
    for name in FILES:
        print("%-16s %6d rows" % (name, summary[name]))
    print("total size       %6.1f KB (consistency check passed)" % (summary["bytes"] / 1024.0))


if __name__ == "__main__":
    main()
