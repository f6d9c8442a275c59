#!/usr/bin/env python3
"""Open-model timing accuracy seen from the server: nginx logs $msec (ms resolution) of every request to /arrivals.

usage: lateness.py ARRIVALS_LOG RATE PLANNED_SECONDS [RESULT_JSON]   (prints one JSON line)

The plan of Inject(RATE, 1 s, PLANNED_SECONDS) is one arrival every 1/RATE s. The k-th arrival at the server is compared
with the k-th slot of that schedule, anchored so that the earliest arrival relative to its slot is on time (lateness 0):
lateness = arrival - slot - min(arrival - slot). It includes the loopback send (tens of µs) and nginx's ms rounding.
after_1s_* leave out the first second (connections being opened, the request path being compiled).
"""
import json
import sys


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * (len(sorted_values) - 1)))))
    return sorted_values[index]


def main(argv):
    log, rate, planned = argv[1], float(argv[2]), float(argv[3])
    with open(log, encoding="utf-8") as f:
        arrivals = sorted(float(line.split()[0]) for line in f if line.strip())
    out = {"arrivals": len(arrivals), "planned": int(rate * planned)}
    if len(arrivals) > 1:
        span = arrivals[-1] - arrivals[0]
        out["achieved_rate"] = (len(arrivals) - 1) / span if span > 0 else None
        step = 1.0 / rate
        offsets = [a - k * step for k, a in enumerate(arrivals)]
        anchor = min(offsets)
        lateness_ms = sorted((o - anchor) * 1000 for o in offsets)
        for p in (50, 90, 99, 99.9):
            out[f"lateness_p{p}_ms".replace(".", "_")] = round(percentile(lateness_ms, p), 3)
        out["lateness_max_ms"] = round(lateness_ms[-1], 3)
        # The same after the first second: the first arrivals also pay for opening connections and JIT-compiling the
        # request path, a start-up cost rather than the pacer's accuracy. Both are reported.
        skip = int(rate)
        if len(offsets) > 2 * skip:
            steady = offsets[skip:]
            steady_anchor = min(steady)
            steady_ms = sorted((o - steady_anchor) * 1000 for o in steady)
            for p in (50, 99, 99.9):
                out[f"after_1s_lateness_p{p}_ms".replace(".", "_")] = round(percentile(steady_ms, p), 3)
            out["after_1s_lateness_max_ms"] = round(steady_ms[-1], 3)
        # Per second of the run: how even the rate is (min/max arrivals in a full second).
        first = arrivals[0]
        buckets = {}
        for a in arrivals:
            buckets[int(a - first)] = buckets.get(int(a - first), 0) + 1
        full = [n for s, n in buckets.items() if 0 < s < max(buckets)]
        if full:
            out["per_second_min"], out["per_second_max"] = min(full), max(full)
    if len(argv) > 4:
        with open(argv[4], encoding="utf-8") as f:
            scenario = json.load(f)["scenarios"][0]
        stats = scenario["stats"]
        step = scenario["steps"][0]["stats"] if scenario.get("steps") else stats
        out["engine_started"] = scenario["iterations"]["started"]
        out["engine_dropped"] = scenario["iterations"]["dropped"]
        out["engine_rate"] = scenario["iterations"]["started"] / (scenario["durationMs"] / 1000)
        # Iteration latency counts from the scheduled start, the request's from its actual send.
        out["iteration_p50_ms"], out["iteration_p99_ms"] = stats["latency"]["p50Ms"], stats["latency"]["p99Ms"]
        out["request_p50_ms"], out["request_p99_ms"] = step["latency"]["p50Ms"], step["latency"]["p99Ms"]
        # The engine's own record: actual start - scheduled start of every iteration (startLateness in result.json).
        late = scenario.get("startLateness") or {}
        out["engine_lateness_p50_ms"], out["engine_lateness_p99_ms"] = late.get("p50Ms"), late.get("p99Ms")
        out["engine_lateness_max_ms"] = late.get("maxMs")
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
