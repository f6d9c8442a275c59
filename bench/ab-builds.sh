#!/usr/bin/env bash
# A/B of LoadHarness builds on one config: interleaved rounds, the generator pinned to CPU 0, CPU per request from
# /usr/bin/time (start-up included) and requests/s from result.json; prints min and median per build.
#
#   bench/ab-builds.sh ROUNDS CONFIG.json BUILD.dll [BUILD.dll ...]
#   e.g. git worktree add /tmp/base HEAD~1 && dotnet build /tmp/base/src/LoadHarness.Cli -c Release --artifacts-path /tmp/base-art
#        bench/ab-builds.sh 4 my.json /tmp/base-art/bin/LoadHarness.Cli/release/loadharness.dll \
#            bench/.tools/artifacts/bin/LoadHarness.Cli/release/loadharness.dll
#
# The config's target must be on 127.0.0.1 and its run bounded (KeepConstant for a few seconds). Inline socket
# completions on one socket thread, as bench/peers.sh's loadharness-inline/-raw. Use it for changes worth a few
# percent: this shared host moves 2× between minutes, only interleaved rounds of the same minutes compare.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 2; }
rounds=$1 config=$2; shift 2
for dll in "$@"; do [[ -f $dll ]] || { echo "ab-builds: no such build: $dll" >&2; exit 2; }; done
work=$(mktemp -d /tmp/loadharness-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
    for dll in "$@"; do
        env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1 \
            taskset -c 0 /usr/bin/time -f "%U %S %M" -o "$work/time" \
            dotnet "$dll" run --config "$config" --out "$work/out" --ci --quiet --no-gate >"$work/log" 2>&1 \
            || { echo "ab-builds: $dll failed, see below" >&2; tail -20 "$work/log" >&2; exit 1; }
        python3 - "$work" "$dll" "$round" <<'EOF'
import json, sys
work, dll, rnd = sys.argv[1:4]
stats = json.load(open(work + "/out/result.json"))["scenarios"][0]["stats"]
user, system, rss = open(work + "/time").read().split()
n = stats["requestCount"]
print(json.dumps({"build": dll, "round": int(rnd), "rps": stats["rps"], "us_per_req": (float(user) + float(system)) * 1e6 / n,
                  "user_us_per_req": float(user) * 1e6 / n, "p99_ms": stats["latency"]["p99Ms"], "rss_mb": int(rss) // 1024,
                  "errors": stats["failCount"]}))
EOF
    done
done >"$work/runs.jsonl"
python3 - "$work/runs.jsonl" <<'EOF'
import collections, json, statistics as st, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[r["build"]].append(r)
    print("round %d  %8.0f req/s  %5.1f µs/req (user %4.1f)  p99 %s ms  errors %d  %s"
          % (r["round"], r["rps"], r["us_per_req"], r["user_us_per_req"], r["p99_ms"], r["errors"], r["build"]))
failed = sum(r["errors"] > 0 for rs in runs.values() for r in rs)
if failed:
    print("\nWARNING: %d run(s) had failed requests (is the target up?): their figures measure errors, not requests." % failed)
print()
print("%-60s %11s %7s %12s %10s %8s" % ("build", "µs/req min", "median", "user median", "req/s max", "median"))
for build, rs in runs.items():
    us = [r["us_per_req"] for r in rs]
    user = [r["user_us_per_req"] for r in rs]
    rps = [r["rps"] for r in rs]
    print("%-60s %11.1f %7.1f %12.1f %10.0f %8.0f" % (build[-60:], min(us), st.median(us), st.median(user), max(rps), st.median(rps)))
EOF
