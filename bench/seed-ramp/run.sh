#!/usr/bin/env bash
# The seed's k6 script shortened to 55 s, run by the `loadharness` command as a user runs it, against a small Kestrel
# app on 127.0.0.1 (own process): requests, CPU seconds (user + sys) and peak RSS of the loadharness process, and the
# time to the first request of a quick run (`loadharness run --url ... --vus 1 --duration 3s`). See bench/README.md.
#
#   bench/seed-ramp/run.sh [--runs 3] [--scale 1] [--quick] [--no-build] [--formats LIST] [--env "K=V ..."]
#   --runs N       runs of each measurement (default 3); the summary gives each run and the median
#   --scale X      --duration-scale of the ramp (default 1: 55 s); --quick = --scale 0.2 --runs 1 (11 s)
#   --formats L    pass --formats L (default: none given, so the DEFAULT report formats; "none": result.json only)
#   --env "K=V"    extra environment for the loadharness process (runtime knobs, e.g. DOTNET_TieredPGO=0)
#   --no-build     use the last publish in bench/results/tmp/seed-ramp
#   --lh PATH      measure this loadharness executable instead (implies --no-build for it; the target is still built)
#   --no-ttfr / --no-ramp   skip one of the two measurements
#
# The loadharness command is `dotnet publish src/LoadHarness.Cli -c Release` (the project's own settings) run
# through its apphost; CPU and peak RSS come from /usr/bin/time (the process and its children, start-up included).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/seed-ramp"
WORK="$ROOT/bench/results/tmp/seed-ramp"
RUNS=3 SCALE=1 BUILD=1 FORMATS="" LH_ENV=() TTFR=1 RAMP=1 LH_GIVEN=""
usage() { sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --scale) SCALE=$2; shift 2 ;;
        --quick) SCALE=0.2; RUNS=1; shift ;;
        --formats) FORMATS=$2; shift 2 ;;
        --env) read -r -a LH_ENV <<<"$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --lh) LH_GIVEN=$2; shift 2 ;;
        --no-ttfr) TTFR=0; shift ;;
        --no-ramp) RAMP=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "seed-ramp: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

log() { echo "seed-ramp: $*" >&2; }
die() { log "$*"; exit 1; }
mkdir -p "$WORK"
LH="$WORK/loadharness/loadharness"
TARGET_DLL="$WORK/target/SeedRampTarget.dll"

# The tree as it is built (with --no-build: as checked out): the header must not describe edits made while the bench ran.
BUILT_FROM="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo '+dirty')"
[[ -n $LH_GIVEN ]] && BUILT_FROM="$LH_GIVEN (given with --lh)"
if [[ $BUILD -eq 1 ]]; then
    : >"$WORK/build.log"
    if [[ -z $LH_GIVEN ]]; then
        log "publishing LoadHarness.Cli (Release)"
        rm -rf "$WORK/loadharness"
        dotnet publish "$ROOT/src/LoadHarness.Cli" -c Release -o "$WORK/loadharness" -nologo -v q >>"$WORK/build.log" 2>&1 \
            || { tail -30 "$WORK/build.log" >&2; die "LoadHarness.Cli does not publish"; }
    fi
    dotnet publish "$HERE/SeedRampTarget" -c Release -o "$WORK/target" -nologo -v q >>"$WORK/build.log" 2>&1 \
        || { tail -30 "$WORK/build.log" >&2; die "SeedRampTarget does not publish"; }
fi
[[ -n $LH_GIVEN ]] && LH=$LH_GIVEN
[[ -x $LH && -f $TARGET_DLL ]] || die "nothing published in $WORK (run without --no-build)"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
dotnet "$TARGET_DLL" --urls "$BASE" >"$WORK/target.log" 2>&1 &
TARGET_PID=$!
trap 'kill $TARGET_PID 2>/dev/null || true; wait $TARGET_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/health" >/dev/null || die "the target did not start (see $WORK/target.log)"

sed "s#__BASE__#$BASE#" "$HERE/seed-ramp.json" >"$WORK/seed-ramp.json"
FORMAT_ARGS=()
[[ -n $FORMATS ]] && FORMAT_ARGS=(--formats "$FORMATS")
[[ $FORMATS == none ]] && FORMAT_ARGS=(--formats "")

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

RAMP_ROWS=() TTFR_ROWS=()
for i in $(seq 1 "$RUNS"); do
    if [[ $RAMP -eq 1 ]]; then
        out="$WORK/ramp-$i"; rm -rf "$out"
        l0=$(load)
        set +e
        env "${LH_ENV[@]}" /usr/bin/time -f '%e %U %S %M' -o "$WORK/time-$i.txt" \
            "$LH" run -c "$WORK/seed-ramp.json" --duration-scale "$SCALE" --ci --out "$out" "${FORMAT_ARGS[@]}" \
            >"$WORK/ramp-$i.log" 2>&1
        rc=$?
        set -e
        l1=$(load)
        read -r wall user sys rss < <(tail -1 "$WORK/time-$i.txt")
        requests=$(jq '[.scenarios[].stats.requestCount] | add' "$out/result.json" 2>/dev/null || echo "?")
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        rss_mb=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
        RAMP_ROWS+=("$i $requests $cpu $user $sys $rss_mb $wall $rc $l0 $l1")
        log "ramp run $i: requests $requests, CPU $cpu s (user $user, sys $sys), peak RSS $rss_mb MB, wall $wall s, exit $rc, load $l0 → $l1"
    fi
    if [[ $TTFR -eq 1 ]]; then
        curl -fs -X POST "$BASE/bench/reset" >/dev/null
        out="$WORK/quick-$i"; rm -rf "$out"
        l0=$(load)
        start_ms=$(date +%s%3N)
        set +e
        env "${LH_ENV[@]}" /usr/bin/time -f '%e %U %S %M' -o "$WORK/qtime-$i.txt" \
            "$LH" run --url "$BASE/" --vus 1 --duration 3s --ci --out "$out" "${FORMAT_ARGS[@]}" >"$WORK/quick-$i.log" 2>&1
        rc=$?
        set -e
        first_ms=$(curl -fs "$BASE/bench/first")
        read -r wall user sys rss < <(tail -1 "$WORK/qtime-$i.txt")
        ttfr=$(awk -v a="$first_ms" -v b="$start_ms" 'BEGIN { if (a == 0) print "none"; else printf "%.3f", (a - b) / 1000 }')
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        TTFR_ROWS+=("$i $ttfr $cpu $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') $wall $rc $l0")
        log "quick run $i: first request after $ttfr s, CPU $cpu s, wall $wall s, exit $rc, load $l0"
    fi
done

echo "# bench/seed-ramp $(date -u +%FT%TZ), $(nproc) cores, LoadHarness $BUILT_FROM"
echo "# ramp: 55 s × $SCALE, formats: ${FORMATS:-default}${LH_ENV:+, env: ${LH_ENV[*]}}"
if [[ $RAMP -eq 1 ]]; then
    echo "run requests cpu_s user_s sys_s peak_rss_mb wall_s exit load_before load_after"
    printf '%s\n' "${RAMP_ROWS[@]}"
    printf 'median - %s - - %s %s\n' \
        "$(printf '%s\n' "${RAMP_ROWS[@]}" | cut -d' ' -f3 | median)" \
        "$(printf '%s\n' "${RAMP_ROWS[@]}" | cut -d' ' -f6 | median)" \
        "$(printf '%s\n' "${RAMP_ROWS[@]}" | cut -d' ' -f7 | median)"
fi
if [[ $TTFR -eq 1 ]]; then
    echo "quick-run time_to_first_request_s cpu_s peak_rss_mb wall_s exit load"
    printf '%s\n' "${TTFR_ROWS[@]}"
    echo "median $(printf '%s\n' "${TTFR_ROWS[@]}" | cut -d' ' -f2 | median) $(printf '%s\n' "${TTFR_ROWS[@]}" | cut -d' ' -f3 | median) $(printf '%s\n' "${TTFR_ROWS[@]}" | cut -d' ' -f4 | median)"
fi
