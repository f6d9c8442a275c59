#!/usr/bin/env python3
"""Turns one load tool's output (+ /usr/bin/time -v) into one JSON line for bench/peers.sh.

usage: parse.py TOOL STDOUT_FILE TIME_FILE [RESULT_JSON] -- key=value ...
Every figure is as the tool itself reports it; CPU and peak RSS come from /usr/bin/time -v.
"""
import json
import re
import sys

UNITS_MS = {"us": 0.001, "µs": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(value, unit):
    return float(value) * UNITS_MS[unit]


def parse_wrk(text):
    out = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", text)
    out["requests"] = int(m.group(1)) if m else None
    m = re.search(r"^\s+Latency\s+([\d.]+)(us|ms|s|m)\s", text, re.M)
    out["mean_ms"] = ms(m.group(1), m.group(2)) if m else None
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s|m)\s*$" % pct, text, re.M)
        out[key] = ms(m.group(1), m.group(2)) if m else None
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(g) for g in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    out["errors"] = errors
    return out


def parse_hey(text):
    out = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"^\s+Average:\s+([\d.]+) secs", text, re.M)
    out["mean_ms"] = float(m.group(1)) * 1000 if m else None
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(r"^\s+%s%% in ([\d.]+) secs" % pct, text, re.M)
        out[key] = float(m.group(1)) * 1000 if m else None
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
    ok = sum(n for c, n in codes.items() if c < 400)
    errs = sum(n for c, n in codes.items() if c >= 400)
    errs += sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get", text))
    out["requests"] = ok + errs
    out["errors"] = errs
    return out


def parse_autocannon(text):
    start = text.find("{")
    data = json.loads(text[start:])
    duration = float(data.get("duration") or 0)
    total = int(data["requests"]["total"])
    out = {
        "rps": total / duration if duration else data["requests"]["average"],
        "requests": total,
        "mean_ms": float(data["latency"]["average"]),
        "p50_ms": float(data["latency"]["p50"]),
        "p99_ms": float(data["latency"]["p99"]),
        "errors": int(data.get("errors", 0)) + int(data.get("non2xx", 0)) + int(data.get("timeouts", 0)),
    }
    return out


def parse_ab(text):
    out = {}
    m = re.search(r"Requests per second:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"Complete requests:\s+(\d+)", text)
    out["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Time per request:\s+([\d.]+) \[ms\] \(mean\)", text)
    out["mean_ms"] = float(m.group(1)) if m else None
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(r"^\s+%s%%\s+(\d+)" % pct, text, re.M)
        out[key] = float(m.group(1)) if m else None
    errors = 0
    for pattern in (r"Failed requests:\s+(\d+)", r"Non-2xx responses:\s+(\d+)"):
        m = re.search(pattern, text)
        errors += int(m.group(1)) if m else 0
    out["errors"] = errors
    return out


def parse_loadharness(result_path):
    with open(result_path, encoding="utf-8") as f:
        result = json.load(f)
    scenario = result["scenarios"][0]
    # One request per iteration: the step's stats are the requests (the scenario's are whole iterations).
    stats = scenario["steps"][0]["stats"] if scenario.get("steps") else scenario["stats"]
    iterations = scenario.get("iterations", {})
    return {
        "rps": stats["rps"],
        "requests": stats["requestCount"],
        "mean_ms": stats["latency"]["meanMs"],
        "p50_ms": stats["latency"]["p50Ms"],
        "p99_ms": stats["latency"]["p99Ms"],
        "errors": stats["failCount"],
        "iterations_started": iterations.get("started"),
        "iterations_dropped": iterations.get("dropped"),
        "iteration_p50_ms": scenario["stats"]["latency"]["p50Ms"],
        "iteration_p99_ms": scenario["stats"]["latency"]["p99Ms"],
        "duration_ms": scenario.get("durationMs"),
        "peak_vus": scenario.get("peakVUs"),
    }


def parse_time(text):
    def field(name):
        m = re.search(r"^\s*%s:\s*(.+)$" % re.escape(name), text, re.M)
        return m.group(1).strip() if m else None

    user = float(field("User time (seconds)") or 0)
    system = float(field("System time (seconds)") or 0)
    rss_kb = int(field("Maximum resident set size (kbytes)") or 0)
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)") or "0:0"
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    return {"user_s": user, "sys_s": system, "cpu_s": user + system, "peak_rss_mb": rss_kb / 1024, "wall_s": seconds}


def main(argv):
    if "--" in argv:
        split = argv.index("--")
        args, extra = argv[1:split], argv[split + 1:]
    else:
        args, extra = argv[1:], []
    tool, stdout_file, time_file = args[0], args[1], args[2]
    family = tool.split("-")[0]
    record = {}
    for item in extra:
        key, _, value = item.partition("=")
        record[key] = int(value) if value.isdigit() else value
    record["tool"] = tool
    try:
        if family == "loadharness":
            record.update(parse_loadharness(args[3]))
        else:
            with open(stdout_file, encoding="utf-8", errors="replace") as f:
                text = f.read()
            record.update({"wrk": parse_wrk, "hey": parse_hey, "autocannon": parse_autocannon, "ab": parse_ab}[family](text))
    except Exception as e:  # a broken run is recorded as such, never silently dropped
        record["parse_error"] = f"{type(e).__name__}: {e}"
    with open(time_file, encoding="utf-8", errors="replace") as f:
        record.update(parse_time(f.read()))
    requests = record.get("requests") or 0
    record["cpu_us_per_req"] = record["cpu_s"] * 1e6 / requests if requests else None
    print(json.dumps(record, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
