# Independent reference for funnel, forecast and xmr on the sample organisation: prints the expected
# output of Tests/e2e/cases/forecast_funnel_sample.gmb from datasets/ with Python's csv module only.
# The forecast's trials follow the algorithm docs/flow.md describes (SplitMix64 seeding xoshiro256**,
# Lemire's unbiased draw), written again here from that description.
import collections
import csv
import datetime
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "datasets")
STAGES = ["lead", "qualified", "proposal", "won"]


def read(name):
    return list(csv.DictReader(open(os.path.join(DATA, name), encoding="utf-8")))


def fmt(v):
    """A cell as gemba's CSV writes it: null empty, floats in their shortest form."""
    if v is None:
        return ""
    return repr(v) if isinstance(v, float) else str(v)


def median(values):
    if not values:
        return None
    v = sorted(values)
    m = len(v) // 2
    return float(v[m]) if len(v) % 2 else (v[m - 1] + v[m]) / 2


# ---- funnel ----------------------------------------------------------------------------------------
moves = collections.defaultdict(list)  # deal -> [(at, state)] in time order (times strictly increase)
for r in read("deal_transitions.csv"):
    moves[r["item"]].append((r["at"], r["state"]))
for m in moves.values():
    m.sort()
source = {r["deal_id"]: r["source"] for r in read("deals.csv")}


def entries(seq, strict):
    """Stage -> (position in seq, day) of the entry that counts."""
    out, expected = {}, 0
    for k, (at, state) in enumerate(seq):
        if state not in STAGES:
            continue
        s = STAGES.index(state)
        if strict:
            if s != expected:
                continue
            expected += 1
        elif s in out:
            continue
        out[s] = (k, datetime.date.fromisoformat(at[:10]))
    return out


def funnel(deals, strict):
    reached = [0] * len(STAGES)
    steps = [[] for _ in STAGES]
    for d in deals:
        e = entries(moves[d], strict)
        for s in range(len(STAGES)):
            if s not in e:
                continue
            reached[s] += 1
            if s + 1 in e and e[s + 1][0] > e[s][0]:
                steps[s].append((e[s + 1][1] - e[s][1]).days + 1)
    rows = []
    for s, name in enumerate(STAGES):
        r = reached[s]
        rows.append([name, r,
                     reached[s + 1] / r if s + 1 < len(STAGES) and r else None,
                     r / reached[0] if reached[0] else None,
                     median(steps[s]),
                     reached[-1] / r if r else None])
    return rows


print("stage,reached,next_step,cumulative,median_days,win_rate")
for row in funnel(list(moves), strict=False):
    print(",".join(fmt(v) for v in row))
print("stage,reached,next_step,cumulative,median_days,win_rate")
for row in funnel(list(moves), strict=True):
    print(",".join(fmt(v) for v in row))
print("source,stage,reached,next_step,cumulative,median_days,win_rate")
for src in sorted(set(source.values())):
    for row in funnel([d for d in moves if source.get(d) == src], strict=False):
        if row[0] == "lead":
            print(",".join(fmt(v) for v in [src] + row))

# ---- forecast --------------------------------------------------------------------------------------
M = (1 << 64) - 1


class Xoshiro256:
    def __init__(self, seed):
        z, s = seed, []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & M
            x = z
            x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M
            x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M
            s.append(x ^ (x >> 31))
        self.s = s

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        m = self.next() * n
        if (m & M) < n:
            threshold = ((1 << 64) - n) % n
            while (m & M) < threshold:
                m = self.next() * n
        return m >> 64


items = read("items.csv")
finished = [datetime.date.fromisoformat(r["finished"]) for r in items if r["finished"]]
to = max(finished)
start = to + datetime.timedelta(days=1)
PERCENTILES = [50, 70, 85, 95]


def history(days):
    """Finishes per calendar day of the 90 days ending on `to`."""
    first = to - datetime.timedelta(days=89)
    h = [0] * 90
    for d in days:
        if first <= d <= to:
            h[(d - first).days] += 1
    return h


def rank(p, n):
    return max((p * n + 99) // 100, 1) - 1


def when(h, n, trials=10000, seed=1):
    rng = Xoshiro256(seed)
    out = []
    for _ in range(trials):
        done = day = 0
        while done < n:
            done += h[rng.below(len(h))]
            day += 1
        out.append(day)
    out.sort()
    return [(p, start + datetime.timedelta(days=out[rank(p, trials)] - 1), out[rank(p, trials)]) for p in PERCENTILES]


def howmany(h, by, trials=10000, seed=1):
    rng = Xoshiro256(seed)
    days = (by - start).days + 1
    out = sorted((sum(h[rng.below(len(h))] for _ in range(days)) for _ in range(trials)), reverse=True)
    return [(p, out[rank(p, trials)]) for p in PERCENTILES]


print("percentile,date,days")
for p, d, n in when(history(finished), 100):
    print(f"{p},{d},{n}")
print("percentile,items")
for p, n in howmany(history(finished), datetime.date(2026, 7, 31)):
    print(f"{p},{n}")
print("team,percentile,date,days")
for team in sorted({r["team"] for r in items}):
    days = [datetime.date.fromisoformat(r["finished"]) for r in items if r["finished"] and r["team"] == team]
    p, d, n = when(history(days), 40)[2]
    print(f"{team},{p},{d},{n}")

# ---- xmr -------------------------------------------------------------------------------------------
# Items finished per ISO week (Monday to Sunday), every week from the first finish's to the last's.
weeks = collections.Counter(d - datetime.timedelta(days=d.weekday()) for d in finished)
week, last = min(weeks), max(weeks)
series = []
while week <= last:
    series.append((week, weeks.get(week, 0)))
    week += datetime.timedelta(days=7)
x = [v for _, v in series]
mean = sum(float(v) for v in x) / len(x)
mr = [abs(float(x[k]) - float(x[k - 1])) for k in range(1, len(x))]
mr_mean = sum(mr) / len(mr)
unpl = mean + 2.66 * mr_mean
lnpl = max(mean - 2.66 * mr_mean, 0.0)
url = 3.27 * mr_mean
signal = [None] * len(x)
k = 0
while k < len(x):
    side = (x[k] > mean) - (x[k] < mean)
    j = k
    while j < len(x) and side != 0 and (x[j] > mean) - (x[j] < mean) == side:
        j += 1
    if side != 0 and j - k >= 8:
        for i in range(k, j):
            signal[i] = "run above" if side > 0 else "run below"
    k = max(j, k + 1)
for i in range(len(x)):
    if x[i] > unpl:
        signal[i] = "above"
    elif x[i] < lnpl:
        signal[i] = "below"
    elif signal[i] is None and i > 0 and mr[i - 1] > url:
        signal[i] = "range"
print("mean,mr_mean,unpl,lnpl,url")
print(",".join(fmt(v) for v in [mean, mr_mean, unpl, lnpl, url]))
print("finished,throughput,mr,signal")
for i, (w, v) in enumerate(series):
    if signal[i]:
        print(f"{w},{v},{fmt(mr[i - 1] if i else None)},{signal[i]}")
