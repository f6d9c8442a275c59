#!/usr/bin/env bash
# LoadHarness side by side with wrk, autocannon, hey (and ab) on fixed loopback targets; see bench/README-peers.md.
#
#   bench/peers.sh [--rounds N] [--seconds S] [--connections C] [--quick] [--targets "nginx api"] [--tools "..."]
#   bench/peers.sh --scale [--scale-vus "10000 50000"] [--scale-seconds 60] [--scale-max-connections 1024]  memory at scale (1 s think)
#                  [--scale-modes "default sockets"] [--scale-runs N]   default: no transport setting (raw, inline on <= 2 cores); sockets: "Transport": "sockets";
#                                                       raw-inline: "Transport": "raw" + DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
#                  [--scale-calibrate S]   before each scale run, wrk -t1 -c64 and wrk -t1 -c<max connections> for S s each
#                                          (default 3; 0: none) against the same nginx: how fast the machine was in that
#                                          minute, and the most any generator got at the run's connection cap (the ceiling)
#   bench/peers.sh --accuracy [--rate 2000] [--accuracy-seconds 30] [--accuracy-transports "sockets raw"]  open-model timing accuracy
#   bench/peers.sh --all                                                       all three, one results file
#   --lh-env "K=V ..."  extra environment for both LoadHarness modes (runtime knobs, e.g. DOTNET_TieredPGO=0)
#   common: --no-install (fail instead of apt/npm), --no-build, --r2r (publish ReadyToRun instead of dotnet build),
#           --aot (the Native AOT loadharness, what `dotnet publish` makes: the default when clang is installed),
#           --jit (the `dotnet build` output instead: what run.sh, the tests and the tool package run),
#           --lh PATH (this loadharness executable or loadharness.dll instead of building),
#           --out FILE (default bench/results/<UTC date>.md)
#   --nginx-workers N  nginx worker processes (default 1): is the target the limit?
#   --target-same-session  nginx and the API in the bench's own session (before 2026-12-06): one scheduling group
#                          with the generator, so nginx's one thread competes with each of the generator's threads
#   --pin     the generator on CPU 0, nginx on CPU 1 (taskset): one core each, no scheduler placement in the figures
#
# Load goes to 127.0.0.1 only and every run is bounded in time. nginx, the sample API and its throwaway PostgreSQL
# are always stopped at exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS="$ROOT/bench/peers"
TOOLS="$ROOT/bench/.tools"
ROUNDS=3 SECONDS_PER_RUN=10 CONNECTIONS=64
TARGETS="nginx api"
TOOL_LIST="wrk autocannon hey ab loadharness loadharness-sockets loadharness-inline loadharness-raw"
MODES=() LH_ENV=() TARGET_SESSION=(setsid) INSTALL=1 BUILD=1 R2R=0 AOT=auto NGINX_WORKERS=1 LH_GIVEN="" OUT="" PIN=0 GEN_PIN=() NGINX_PIN=()
SCALE_VUS="10000 50000" SCALE_SECONDS=60 SCALE_RAMP=10 SCALE_MAX_CONNECTIONS=1024 SCALE_MODES="default sockets" SCALE_RUNS_EACH=1 SCALE_CALIBRATE=3
RATE=2000 ACCURACY_SECONDS=30 ACCURACY_TRANSPORTS="sockets raw"

COMMAND_LINE="$*"
usage() { sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) ROUNDS=$2; shift 2 ;;
        --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --quick) ROUNDS=1; SECONDS_PER_RUN=3; SCALE_SECONDS=10; SCALE_VUS="2000"; SCALE_RAMP=3; ACCURACY_SECONDS=5; shift ;;
        --targets) TARGETS=$2; shift 2 ;;
        --tools) TOOL_LIST=$2; shift 2 ;;
        --compare) MODES+=(compare); shift ;;
        --scale) MODES+=(scale); shift ;;
        --scale-vus) SCALE_VUS=$2; shift 2 ;;
        --scale-seconds) SCALE_SECONDS=$2; shift 2 ;;
        --scale-max-connections) SCALE_MAX_CONNECTIONS=$2; shift 2 ;;
        --scale-modes) SCALE_MODES=$2; shift 2 ;;
        --scale-runs) SCALE_RUNS_EACH=$2; shift 2 ;;
        --scale-calibrate) SCALE_CALIBRATE=$2; shift 2 ;;
        --accuracy) MODES+=(accuracy); shift ;;
        --rate) RATE=$2; shift 2 ;;
        --accuracy-seconds) ACCURACY_SECONDS=$2; shift 2 ;;
        --accuracy-transports) ACCURACY_TRANSPORTS=$2; shift 2 ;;
        --all) MODES+=(compare scale accuracy); shift ;;
        --no-install) INSTALL=0; shift ;;
        --no-build) BUILD=0; shift ;;
        --r2r) R2R=1; shift ;;
        --aot) AOT=1; shift ;;
        --jit) AOT=0; shift ;;
        --lh) LH_GIVEN=$2; shift 2 ;;
        --nginx-workers) NGINX_WORKERS=$2; shift 2 ;;
        --target-same-session) TARGET_SESSION=(); shift ;;
        --pin) GEN_PIN=(taskset -c 0); NGINX_PIN=(taskset -c 1); PIN=1; shift ;;
        --out) OUT=$2; shift 2 ;;
        --lh-env) read -r -a LH_ENV <<<"$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "peers.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[[ ${#MODES[@]} -eq 0 ]] && MODES=(compare)
# The LoadHarness measured by default is what `dotnet publish` makes: Native AOT where clang is installed.
if [[ $AOT == auto ]]; then
    if [[ $R2R -eq 0 && -z $LH_GIVEN ]] && command -v clang >/dev/null 2>&1; then AOT=1; else AOT=0; fi
    [[ $AOT -eq 0 && $R2R -eq 0 && -z $LH_GIVEN ]] && echo "peers.sh: no clang: measuring the JIT build (dotnet build); apt-get install clang for the published native one" >&2
fi
has_mode() { [[ " ${MODES[*]} " == *" $1 "* ]]; }

log() { printf '[peers %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- prerequisites
apt_updated=0
apt_install() {
    [[ $INSTALL -eq 1 ]] || die "missing $*; install it or run without --no-install"
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    if [[ $apt_updated -eq 0 ]]; then $sudo apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
    local missing=() compare=0
    uses() { [[ $compare -eq 1 && " $TOOL_LIST " == *" $1 "* ]]; }
    has_mode compare && compare=1
    # wrk also warms the targets up before the side-by-side rounds; the other peers only when they are in --tools.
    if has_mode compare || { has_mode scale && [[ $SCALE_CALIBRATE != 0 ]]; }; then command -v wrk >/dev/null || missing+=(wrk); fi
    uses hey && { command -v hey >/dev/null || missing+=(hey); }
    uses ab && { command -v ab >/dev/null || missing+=(apache2-utils); }
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v python3 >/dev/null || missing+=(python3)
    uses autocannon && { command -v node >/dev/null || missing+=(nodejs npm); }
    command -v curl >/dev/null || missing+=(curl)
    if [[ " $TARGETS " == *" api "* ]] && ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        missing+=(postgresql)
    fi
    if [[ ${#missing[@]} -gt 0 ]]; then log "installing ${missing[*]}"; apt_install "${missing[@]}"; fi
    if uses autocannon && [[ ! -x "$TOOLS/node_modules/.bin/autocannon" ]]; then
        [[ $INSTALL -eq 1 ]] || die "autocannon is missing in bench/.tools"
        log "installing autocannon into bench/.tools"
        mkdir -p "$TOOLS"
        npm install --prefix "$TOOLS" --no-audit --no-fund --silent autocannon >/dev/null
    fi
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    AUTOCANNON="$TOOLS/node_modules/.bin/autocannon"
}

# Release builds into bench/.tools/artifacts, so nobody else's bin/ and obj/ are touched while they build.
ARTIFACTS="$TOOLS/artifacts"
build() {
    NEED_LH=0
    if [[ " $TOOL_LIST " == *" loadharness"* ]] || has_mode scale || has_mode accuracy; then NEED_LH=1; fi
    if [[ $BUILD -eq 1 && $NEED_LH -eq 1 ]]; then
        # The tree as it is built: the results header must not describe edits made while the bench ran.
        BUILT_FROM="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (+ uncommitted changes in src/)')"
        if [[ -n $LH_GIVEN ]]; then
            :
        elif [[ $AOT -eq 1 ]]; then
            log "publishing LoadHarness.Cli (Release, Native AOT)"
            dotnet publish "$ROOT/src/LoadHarness.Cli" -c Release -p:LoadHarnessAot=true \
                --artifacts-path "$ARTIFACTS" -o "$ARTIFACTS/publish/loadharness-aot" -nologo -v q >"$WORK/build.log" 2>&1 \
                || { tail -30 "$WORK/build.log" >&2; die "LoadHarness.Cli does not publish as Native AOT (clang installed?)"; }
        elif [[ $R2R -eq 1 ]]; then
            # ReadyToRun (precompiled) saves ~0.4 s of start-up JIT, but its code is slower in the steady state
            # (measured 2026-12-02: 10-15 % fewer requests/s in a 6 s run than the JIT build), so it is not the default.
            local rid=linux-x64
            [[ $(uname -m) == aarch64 ]] && rid=linux-arm64
            log "publishing LoadHarness.Cli (Release, $rid, ReadyToRun)"
            dotnet publish "$ROOT/src/LoadHarness.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
                --artifacts-path "$ARTIFACTS" -o "$ARTIFACTS/publish/loadharness-r2r" -nologo -v q >"$WORK/build.log" 2>&1 \
                || { tail -30 "$WORK/build.log" >&2; die "LoadHarness.Cli does not publish"; }
        else
            log "building LoadHarness.Cli (Release)"
            dotnet build "$ROOT/src/LoadHarness.Cli" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >"$WORK/build.log" 2>&1 \
                || { tail -30 "$WORK/build.log" >&2; die "LoadHarness.Cli does not build"; }
        fi
    fi
    if [[ $BUILD -eq 1 ]] && has_mode compare && [[ " $TARGETS " == *" api "* ]]; then
        log "building TargetApi (Release)"
        dotnet build "$ROOT/samples/TargetApi" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >>"$WORK/build.log" 2>&1 \
            || { tail -30 "$WORK/build.log" >&2; die "TargetApi does not build"; }
    fi
    LH_DLL="$ARTIFACTS/bin/LoadHarness.Cli/release/loadharness.dll"
    [[ $R2R -eq 1 ]] && LH_DLL="$ARTIFACTS/publish/loadharness-r2r/loadharness.dll"
    [[ $AOT -eq 1 ]] && LH_DLL="$ARTIFACTS/publish/loadharness-aot/loadharness"
    [[ -n $LH_GIVEN ]] && LH_DLL=$(realpath "$LH_GIVEN")
    # How to start it: a dll through the dotnet host, an executable (apphost or Native AOT) directly.
    LH=(dotnet "$LH_DLL")
    [[ $LH_DLL == *.dll ]] || LH=("$LH_DLL")
    API_DLL="$ARTIFACTS/bin/TargetApi/release/TargetApi.dll"
    [[ $NEED_LH -eq 0 || -f "$LH_DLL" ]] || die "$LH_DLL is missing (build first)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---------------------------------------------------------------- targets (always stopped at exit)
NGINX_PID="" API_PID="" PG_DATA="" WORK=""
cleanup() {
    local code=$?
    [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
    [[ -n "$API_PID" ]] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then as_postgres "$PG_CTL" stop -D "$PG_DATA" -m immediate -w >/dev/null 2>&1 || true; fi
    if [[ -n "$WORK" && -d "$WORK" ]]; then rm -rf "$WORK/pg" "$WORK/nginx/tmp"; fi
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_nginx() {
    local prefix="$WORK/nginx"
    NGINX_PORT=$(free_port)
    mkdir -p "$prefix/tmp"
    sed -e "s#@PREFIX@#$prefix#g" -e "s#@PORT@#$NGINX_PORT#g" -e "s#@WORKERS@#$NGINX_WORKERS#g" "$PEERS/nginx.conf.template" >"$prefix/nginx.conf"
    # setsid: the target in a session of its own, so a scheduling group of its own (bench/README-peers.md, --scale).
    "${TARGET_SESSION[@]}" "${NGINX_PIN[@]}" "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" </dev/null &
    NGINX_PID=$!
    wait_http "http://127.0.0.1:$NGINX_PORT/" nginx
    URL_nginx="http://127.0.0.1:$NGINX_PORT/"
    log "nginx ($NGINX_WORKERS worker(s)) on $URL_nginx"
}

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_api() {
    local bin; bin=$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
    PG_CTL="$bin/pg_ctl"
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
    PG_DATA="$WORK/pg/data"
    local port; port=$(free_port)
    mkdir -p "$WORK/pg"
    [[ $(id -u) -eq 0 ]] && chown -R postgres "$WORK/pg" && chmod o+x "$WORK"
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >"$WORK/pg-init.log" 2>&1 || { cat "$WORK/pg-init.log" >&2; die "initdb failed"; }
    as_postgres "$PG_CTL" start -D "$PG_DATA" -w -l "$WORK/pg/server.log" \
        -o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" >/dev/null \
        || { cat "$WORK/pg/server.log" >&2; die "PostgreSQL did not start"; }
    API_PORT=$(free_port)
    ConnectionStrings__TargetDb="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Maximum Pool Size=100" \
        "${TARGET_SESSION[@]}" dotnet "$API_DLL" --urls "http://127.0.0.1:$API_PORT" >"$WORK/api.log" 2>&1 </dev/null &
    API_PID=$!
    wait_http "http://127.0.0.1:$API_PORT/health" "sample API"
    URL_api="http://127.0.0.1:$API_PORT/health"
    log "sample API /health (PostgreSQL SELECT 1) on $URL_api"
}

wait_http() {
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    die "$2 did not answer at $1"
}

# ---------------------------------------------------------------- LoadHarness configs
hms() { printf '%02d:%02d:%02d' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }

# lh_config FILE BASE_URL PATH SIMULATIONS_JSON [EXTRA_SCENARIO_KEYS]
lh_config() {
    local base=${2%/} transport=""
    [[ -n ${6:-} ]] && transport=" \"Transport\": \"$6\","
    [[ -n ${7:-} ]] && transport+=" \"MaxConnections\": $7,"
    cat >"$1" <<EOF
{
  "TestSuite": "peers",
  "TestName": "peers",
  "TargetScenarios": [ "http" ],
  "Target": { "ApiBaseUrl": "$base" },
  "GlobalSettings": {
    "ReportFormats": [],
    "ScenariosSettings": [
      {
        "ScenarioName": "http",
        "LoadSimulationsSettings": $4,${5:-}
        "Http": { "BaseUrl": "$base",$transport "Requests": [ { "Name": "get", "Url": "$3" } ] }
      }
    ]
  }
}
EOF
}

# ---------------------------------------------------------------- one run of one tool
# run_tool TOOL TARGET URL ROUND: runs it under /usr/bin/time -v and appends one JSON line to $RUNS.
run_tool() {
    local tool=$1 target=$2 url=$3 round=$4
    local dir="$WORK/runs/$target-$tool-$round"
    mkdir -p "$dir"
    local -a cmd env=()
    case "$tool" in
        wrk) cmd=(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$url") ;;
        hey) cmd=(hey -z "${SECONDS_PER_RUN}s" -c "$CONNECTIONS" "$url") ;;
        autocannon) cmd=(node "$TOOLS/node_modules/autocannon/autocannon.js" -c "$CONNECTIONS" -d "$SECONDS_PER_RUN" -j "$url") ;;
        ab) cmd=(ab -k -q -c "$CONNECTIONS" -t "$SECONDS_PER_RUN" -n $((SECONDS_PER_RUN * 200000)) "$url") ;; # -n: ab allocates 32 B per planned request
        loadharness|loadharness-sockets|loadharness-inline|loadharness-raw)
            # loadharness: the defaults (no transport setting: raw, inline completions on <= 2 cores); -sockets: the
            # SocketsHttpHandler transport; -inline: sockets with the runtime's inline completions; -raw: raw with them.
            local path="/${url#http://*/}" transport=""
            case "$tool" in loadharness-sockets|loadharness-inline) transport=sockets ;; loadharness-raw) transport=raw ;; esac
            lh_config "$dir/config.json" "${url%"$path"}" "$path" "[ { \"KeepConstant\": [ $CONNECTIONS, \"$(hms "$SECONDS_PER_RUN")\" ] } ]" "" "$transport"
            env=("${LH_ENV[@]}")
            [[ $tool == loadharness-inline || $tool == loadharness-raw ]] && env+=(DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1)
            cmd=("${LH[@]}" run --config "$dir/config.json" --out "$dir/out" --ci --quiet --no-gate) ;;
        *) die "unknown tool '$tool'" ;;
    esac
    env "${env[@]}" /usr/bin/time -v -o "$dir/time.txt" "${GEN_PIN[@]}" "${cmd[@]}" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || true
    python3 "$PEERS/parse.py" "$tool" "$dir/stdout.txt" "$dir/time.txt" "$dir/out/result.json" -- \
        target="$target" round="$round" seconds="$SECONDS_PER_RUN" connections="$CONNECTIONS" >>"$RUNS"
    log "$(tail -1 "$RUNS" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%-19s %-5s round %s: %9s req/s  p50 %s ms  p99 %s ms  CPU %.2f s  %s µs/req  RSS %.0f MB%s" % (r["tool"], r["target"], r["round"], "%.0f" % r["rps"] if r.get("rps") else "-", r.get("p50_ms"), r.get("p99_ms"), r["cpu_s"], "%.1f" % r["cpu_us_per_req"] if r.get("cpu_us_per_req") else "-", r["peak_rss_mb"], ("  PARSE ERROR " + r["parse_error"]) if r.get("parse_error") else ""))')"
}

# ---------------------------------------------------------------- modes
compare() {
    local -a tools; read -r -a tools <<<"$TOOL_LIST"
    for target in $TARGETS; do
        local url_var="URL_$target"
        log "warming $target up (wrk 2 s)"
        wrk -t1 -c"$CONNECTIONS" -d2s "${!url_var}" >/dev/null
    done
    for round in $(seq 1 "$ROUNDS"); do
        # Interleaved, and the order rotates each round so no tool always runs first (or right after the slowest).
        local shift=$(((round - 1) % ${#tools[@]}))
        local -a order=("${tools[@]:$shift}" "${tools[@]:0:$shift}")
        for target in $TARGETS; do
            local url_var="URL_$target"
            for tool in "${order[@]}"; do
                run_tool "$tool" "$target" "${!url_var}" "$round"
                sleep 1
            done
        done
    done
}

# hold_cpu_ticks TIME_PID START LENGTH: the CPU ticks (user + system) of /usr/bin/time's child at START and START+LENGTH
# seconds from now, as "START END TICKS_AT_START TICKS_AT_END TICKS_PER_SECOND"; nothing when the window is too short or
# the process is gone.
hold_cpu_ticks() {
    local timed=$1 start=$2 length=$3 pid a b
    [[ $length -ge 5 ]] || return 0
    sleep "$start"
    pid=$(pgrep -P "$timed" | head -1 || true)
    [[ -n $pid && -r /proc/$pid/stat ]] || return 0
    a=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    sleep "$length"
    b=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true)
    [[ -n $a && -n $b ]] && echo "$start $((start + length)) $a $b $(getconf CLK_TCK)"
    return 0
}

scale() {
    local mode vus run
    # Runs of one setting back to back would meet the same minutes of a shared machine: each run goes through every setting.
    for run in $(seq 1 "$SCALE_RUNS_EACH"); do
    for mode in $SCALE_MODES; do
    for vus in $SCALE_VUS; do
        local dir="$WORK/runs/scale-$mode-$vus-$run" transport="" env=("${LH_ENV[@]}")
        case "$mode" in
            default) ;;
            sockets) transport=sockets ;;
            raw-inline) transport=raw; env+=(DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1) ;;
            *) die "unknown scale mode '$mode' (default, sockets, raw-inline)" ;;
        esac
        mkdir -p "$dir"
        lh_config "$dir/config.json" "$URL_nginx" "/" \
            "[ { \"RampingConstant\": [ $vus, \"$(hms "$SCALE_RAMP")\" ] }, { \"KeepConstant\": [ $vus, \"$(hms "$SCALE_SECONDS")\" ] } ]" \
            $'\n        "ThinkTime": "1s",' "$transport" "$SCALE_MAX_CONNECTIONS"
        # The machine's speed in this minute: a shared host's CPU varies by 2× between hours (wrk -t1 -c64 on this nginx
        # did 123k req/s on the day issue 19 was filed, 65k on 2026-12-07), and the hold follows it.
        # And the ceiling: wrk with the run's own connection cap and no think time, the most requests/s a C generator gets
        # out of this machine and nginx at that many connections (on 2 cores it falls from ~55k at 64-256 connections to
        # ~43k at 1,024 on a half-speed hour). A hold target above it is out of any generator's reach in that minute.
        local host_rps="" ceiling_rps=""
        if [[ $SCALE_CALIBRATE != 0 ]]; then
            host_rps=$(wrk -t1 -c64 -d"${SCALE_CALIBRATE}s" "$URL_nginx" 2>/dev/null | awk '/^Requests\/sec:/ {print $2}' || true)
            sleep 1
            ceiling_rps=$(wrk -t1 -c"$SCALE_MAX_CONNECTIONS" -d"${SCALE_CALIBRATE}s" "$URL_nginx" 2>/dev/null | awk '/^Requests\/sec:/ {print $2}' || true)
            log "scale calibration: wrk -t1 ${SCALE_CALIBRATE} s: -c64 ${host_rps:-?} req/s, -c$SCALE_MAX_CONNECTIONS ${ceiling_rps:-?} req/s"
            sleep 1
        fi
        log "scale ($mode, run $run of $SCALE_RUNS_EACH): $vus VUs, 1 s think time, ramp ${SCALE_RAMP} s then ${SCALE_SECONDS} s"
        env "${env[@]}" /usr/bin/time -v -o "$dir/time.txt" "${LH[@]}" run --config "$dir/config.json" --out "$dir/out" --ci --quiet --no-gate \
            >"$dir/stdout.txt" 2>"$dir/stderr.txt" &
        local timed=$! hold_cpu
        hold_cpu=$(hold_cpu_ticks "$timed" $((SCALE_RAMP + 5)) $((SCALE_SECONDS - 10)))
        wait "$timed" || true
        python3 - "$dir" "$vus" "$SCALE_RAMP" "$mode" "$run" "$host_rps" "$ceiling_rps" "$SCALE_MAX_CONNECTIONS" "$hold_cpu" >>"$SCALE_RUNS" <<'EOF'
import json, re, sys
d, vus, ramp, mode, run = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
host_rps = float(sys.argv[6]) if sys.argv[6] else None
ceiling_rps = float(sys.argv[7]) if sys.argv[7] else None
hold_cpu = sys.argv[9].split() if len(sys.argv) > 9 else []  # start, end (s after the process started), CPU ticks at each, ticks/s
t = open(d + "/time.txt").read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
cpu = sum(float(re.search(p + r": ([\d.]+)", t).group(1)) for p in (r"User time \(seconds\)", r"System time \(seconds\)"))
wall = 0.0
for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":"):
    wall = wall * 60 + float(part)
# CPU ÷ wall: how many of the 2 cores the generator used; near 1 or more, it (not the target) was the limit.
out = {"mode": mode, "vus": vus, "run": run, "host_wrk_rps": host_rps, "wrk_ceiling_rps": ceiling_rps, "max_connections": int(sys.argv[8]), "peak_rss_mb": round(rss, 1), "cpu_s": round(cpu, 2), "cores_used": round(cpu / wall, 2) if wall else None}
try:
    s = json.load(open(d + "/out/result.json"))["scenarios"][0]
    # The hold phase only: whole seconds after the ramp plus 2 s to settle, the last (partial) second left out.
    hold = [p for p in s["timeline"] if p["timeSec"] > ramp + 2 and p["intervalSec"] >= 0.99][:-1]
    reqs = sum(p["requests"] for p in hold); secs = sum(p["intervalSec"] for p in hold)
    step = s["steps"][0]["stats"] if s.get("steps") else s["stats"]
    # A closed VU's iteration is its request plus 1 s of think time, so VUs / (1 s + mean latency) is the most the plan
    # allows at the latency the target gave (Little's law). pacing = held ÷ that: near 1.0 the generator lost nothing to
    # its own scheduling, and what is missing of rps_vs_vus is the requests' latency.
    lat = sum((p.get("meanMs") or 0) * p["requests"] for p in hold) / reqs if reqs else None
    # The generator's garbage collections in the hold (series generator.gc_pause_ms): every thread stopped that long.
    gc = [p["value"] for x in json.load(open(d + "/out/result.json")).get("series", []) if x["name"] == "generator.gc_pause_ms"
          for p in x["points"] if p["timeSec"] > ramp + 2]
    out["gc_pause_ms"] = round(sum(gc), 1) if gc else None
    # The generator's own CPU per request inside the hold (/proc/PID/stat between two instants of it): the start-up and
    # the ramp, which cpu_s spreads over every request, left out. The timeline counts from the load's start, a few
    # hundred ms after the process's: over a 45 s window that shifts the count by under 1 %.
    if len(hold_cpu) == 5:
        a, b, ta, tb, hz = float(hold_cpu[0]), float(hold_cpu[1]), int(hold_cpu[2]), int(hold_cpu[3]), int(hold_cpu[4])
        window = sum(p["requests"] for p in s["timeline"] if a < p["timeSec"] <= b)
        out["hold_cpu_us"] = round((tb - ta) / hz * 1e6 / window, 1) if window else None
    out.update({"hold_rps": round(reqs / secs, 1) if secs else None, "hold_seconds": secs,
                "rps_vs_vus": round(reqs / secs / vus, 4) if secs else None,
                "vs_ceiling": round(reqs / secs / ceiling_rps, 4) if secs and ceiling_rps else None,
                "hold_mean_ms": round(lat, 1) if lat is not None else None,
                "pacing": round(reqs / secs / (vus / (1 + lat / 1000)), 4) if secs and lat is not None else None,
                "requests": step["requestCount"], "errors": step["failCount"],
                "p50_ms": step["latency"]["p50Ms"], "p99_ms": step["latency"]["p99Ms"], "peak_vus": s.get("peakVUs")})
except Exception as e:
    out["error"] = f"{type(e).__name__}: {e}"
print(json.dumps(out, sort_keys=True))
EOF
        log "scale ($mode) $vus: $(tail -1 "$SCALE_RUNS")"
    done
    done
    done
}

accuracy() {
    local transport
    for transport in $ACCURACY_TRANSPORTS; do
        local dir="$WORK/runs/accuracy-$transport"
        mkdir -p "$dir"
        : >"$WORK/nginx/arrivals.log"
        kill -USR1 "$NGINX_PID" 2>/dev/null || true # reopen the emptied log
        sleep 0.5
        lh_config "$dir/config.json" "$URL_nginx" "/arrivals" "[ { \"Inject\": [ $RATE, \"00:00:01\", \"$(hms "$ACCURACY_SECONDS")\" ] } ]" "" "$transport"
        log "accuracy ($transport transport): Inject($RATE/s, 1 s, ${ACCURACY_SECONDS} s) against nginx /arrivals"
        /usr/bin/time -v -o "$dir/time.txt" "${LH[@]}" run --config "$dir/config.json" --out "$dir/out" --ci --quiet --no-gate \
            >"$dir/stdout.txt" 2>"$dir/stderr.txt" || true
        sleep 1.5 # nginx flushes the access-log buffer every second
        kill -USR1 "$NGINX_PID" 2>/dev/null || true # reopen logs = flush
        sleep 0.5
        python3 "$PEERS/lateness.py" "$WORK/nginx/arrivals.log" "$RATE" "$ACCURACY_SECONDS" "$dir/out/result.json" >"$ACCURACY_RUN.$transport" \
            || echo '{"error": "no arrivals parsed"}' >"$ACCURACY_RUN.$transport"
        log "accuracy ($transport): $(cat "$ACCURACY_RUN.$transport")"
    done
}

# ---------------------------------------------------------------- report
machine_lines() {
    echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
    echo "- load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; the machine is shared with other builds)"
    # Only the tools present (a run installs only those it uses); `wrk --version` exits 1, hence the `|| true`.
    local tools=()
    if command -v wrk >/dev/null; then tools+=("$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2 || true)"); fi
    if command -v hey >/dev/null; then tools+=("hey (Debian $(dpkg-query -W -f='${Version}' hey 2>/dev/null || echo '?'))"); fi
    if [[ -x "$AUTOCANNON" ]] && command -v node >/dev/null; then tools+=("autocannon $("$AUTOCANNON" --version 2>/dev/null | head -1 | awk '{print $2}' || true) on node $(node --version)"); fi
    if command -v ab >/dev/null; then tools+=("ab $(ab -V | head -1 | awk '{print $5}' || true)"); fi
    echo "- tools: ${tools[*]/%/,} nginx $("$NGINX" -v 2>&1 | cut -d/ -f2), .NET $(dotnet --version)"
    echo "- LoadHarness: ${BUILT_FROM:-$(git -C "$ROOT" rev-parse --short HEAD)}$([[ $BUILD -eq 0 && -z $LH_GIVEN ]] && echo ' checked out, but `--no-build`: the executable already in bench/.tools, from the commit of its last build'), Release$(if [[ -n $LH_GIVEN ]]; then echo " ($LH_DLL)"; elif [[ $AOT -eq 1 ]]; then echo " (published Native AOT)"; elif [[ $R2R -eq 1 ]]; then echo " (published ReadyToRun)"; else echo " (dotnet build)"; fi)$(has_mode compare && echo ", side by side: built-in \`http\` scenario (one GET per iteration, no checks), KeepConstant($CONNECTIONS VUs), result.json only")$([[ ${#LH_ENV[@]} -gt 0 ]] && echo "; extra environment: ${LH_ENV[*]}")"
}

write_report() {
    local file=$1
    {
        echo "# LoadHarness vs wrk, autocannon, hey, ab — $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo
        echo "Command: \`bench/peers.sh $COMMAND_LINE\`"
        echo
        machine_lines
        echo
        if has_mode compare; then
            echo "## Throughput, latency and generator cost"
            echo
            [[ $PIN -eq 1 ]] && echo "**Pinned** (\`--pin\`): every generator on CPU 0 (taskset), nginx on CPU 1 (the api target is not pinned)."
            echo "$ROUNDS round(s) × $SECONDS_PER_RUN s per tool and target, $CONNECTIONS connections / VUs, no think time, tools interleaved"
            echo "(order rotated each round). Medians of the rounds. Latency as each tool reports it (ab: whole ms)."
            echo "CPU = user + system seconds of the generator's whole process (/usr/bin/time -v), startup included;"
            echo "CPU µs/request = CPU ÷ requests. \`loadharness\` = the defaults (no setting: the raw transport, its continuations"
            echo "inline on the epoll thread on ≤ 2 cores); \`loadharness-sockets\` = \`\"Transport\": \"sockets\"\` (the default before"
            echo "issue 19); \`loadharness-inline\` = sockets with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 and"
            echo "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT=1 (what \`--inline-socket-completions\` sets); \`loadharness-raw\` = \`\"Transport\": \"raw\"\`"
            echo "with those variables. Targets: nginx with $NGINX_WORKERS worker(s)"
            echo "returning \`ok\\n\` (200); the sample API's \`/health\` (Kestrel + PostgreSQL \`SELECT 1\`), on the same 2 cores."
            echo "**cycle ms** = connections ÷ requests/s: by Little's law the mean time one request holds its connection, from the"
            echo "send to the next send. **mean ÷ cycle** shows how much of that a tool's latency covers: LoadHarness sends the next"
            echo "request as soon as a response is read, so its latency is the whole cycle (≈ 1.0×); wrk records latency when the"
            echo "response is parsed but writes the next request only on a later pass of its event loop (it re-arms the socket for"
            echo "writing), and that wait is in no latency (≈ 0.5× here). Compare p50s with that in mind."
            echo
            python3 "$PEERS/summarize.py" "$RUNS"
            echo "<details><summary>Every run</summary>"
            echo
            echo '```'
            cat "$RUNS"
            echo '```'
            echo "</details>"
            echo
        fi
        if has_mode scale; then
            echo "## Memory at scale"
            echo
            echo "Closed model against nginx: RampingConstant to N VUs over $SCALE_RAMP s, then KeepConstant N VUs for $SCALE_SECONDS s, 1 s"
            echo "think time. Peak RSS of the whole process; hold RPS = requests in the whole seconds of the hold phase ÷ their"
            echo "length (target: within 2 % of N per second, i.e. rps_vs_vus ≥ 0.98). \`MaxConnections\` $SCALE_MAX_CONNECTIONS (a ramp of"
            echo "thousands of VUs a second otherwise opens thousands of connections a second). Modes: default = no transport"
            echo "setting (the raw transport, inline on ≤ 2 cores); sockets = \`\"Transport\": \"sockets\"\`; raw-inline ="
            echo "\`\"Transport\": \"raw\"\` with DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1."
            echo "CPU µs/request = the generator's CPU seconds (start-up and ramp included) ÷ all its requests: the hold follows it."
            echo "hold CPU µs/request = the generator's CPU (/proc/PID/stat, user + system) from 5 s after the ramp to 10 s before the"
            echo "end ÷ the requests of those seconds: what a request costs it at N VUs, without start-up and ramp."
            echo "cores used = the generator's CPU seconds ÷ wall seconds (2 cores, shared with nginx). hold mean ms = the"
            echo "requests' mean latency in the hold; pacing = hold requests/s ÷ (N ÷ (1 s + hold mean)), the most a closed"
            echo "model allows at that latency (Little's law): near 1.0, the generator lost nothing to its own scheduling."
            echo "host wrk req/s = \`wrk -t1 -c64\` for $SCALE_CALIBRATE s against the same nginx right before the run (\`--scale-calibrate\`): the"
            echo "machine's speed in that minute (123k on the day issue 19 was filed; a run is only comparable with runs at a like figure)."
            echo "wrk ceiling = \`wrk -t1 -c$SCALE_MAX_CONNECTIONS\` (the run's connection cap, no think time) right after it: the most requests/s a C"
            echo "generator got out of this machine and nginx at that many connections; ÷ ceiling = hold requests/s ÷ it. When the"
            echo "ceiling is below 0.98 × N, not even wrk, with no think time to schedule, got the target rate out of that minute."
            echo
            python3 "$PEERS/summarize.py" scale "$SCALE_RUNS"
            echo
        fi
        if has_mode accuracy; then
            echo "## Open-model timing accuracy"
            echo
            echo "Inject($RATE iterations/s, 1 s, $ACCURACY_SECONDS s) against nginx, which logs each request's arrival (\`\$msec\`, ms resolution)."
            echo "Lateness of the k-th arrival = its time − the k-th slot of the schedule (1/$RATE s apart), anchored on the"
            echo "earliest; it includes the loopback send. Target: p99 < 5 ms. \`after_1s_*\`: the same without the first second"
            echo "(the first arrivals also wait for new connections and the first JIT of the request path); \`engine_lateness_*\`:"
            echo "the engine's own record of actual − scheduled start (\`startLateness\` in result.json)."
            echo
            echo "Once per transport of the built-in \`http\` scenario: \`sockets\` (SocketsHttpHandler) and \`raw\` (the default), which opens"
            echo "its first connection in the scenario's init, before the clock starts. Open models also get their iteration path"
            echo "compiled before the clock (both transports)."
            echo
            local transport
            for transport in $ACCURACY_TRANSPORTS; do
                echo "### $transport"
                echo
                echo '```'
                python3 -m json.tool "$ACCURACY_RUN.$transport"
                echo '```'
                echo
            done
        fi
    } >"$file"
}

# ---------------------------------------------------------------- main
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK=$(mktemp -d /tmp/loadharness-peers.XXXXXX)
RUNS="$WORK/runs.jsonl" SCALE_RUNS="$WORK/scale.jsonl" ACCURACY_RUN="$WORK/accuracy.json"
: >"$RUNS"; : >"$SCALE_RUNS"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average $LOAD_START; work folder $WORK"

ensure_tools
build
start_nginx
if has_mode compare && [[ " $TARGETS " == *" api "* ]]; then start_api; fi

has_mode compare && compare
has_mode scale && scale
has_mode accuracy && accuracy

OUT=${OUT:-"$ROOT/bench/results/$(date -u +%Y-%m-%d-%H%M).md"}
mkdir -p "$(dirname "$OUT")"
write_report "$OUT"
cp "$RUNS" "$SCALE_RUNS" "$WORK/" 2>/dev/null || true
log "wrote $OUT (raw runs in $WORK/runs)"
has_mode compare && python3 "$PEERS/summarize.py" "$RUNS"
exit 0
