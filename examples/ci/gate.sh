#!/usr/bin/env bash
# The load gate for CI, as a plain shell script (the GitHub Actions workflow beside it calls it):
#   1. run the test (thresholds judged; the run's own gate),
#   2. compare the result with the baseline (the last release's result.json, fetched by the caller), noise-aware,
#   3. append summary.md and compare.md to $GITHUB_STEP_SUMMARY when it is set,
#   4. exit with the worse of the two: 0 passed, 99 a threshold crossed or a regression, 2 invalid input, 1 harness error.
# The report folder ($REPORT_DIR: run/ and compare/) is kept by the caller as an artifact.
#
# Usage: examples/ci/gate.sh [BASELINE]   BASELINE: a result.json or a folder of them (several runs: a wider noise estimate)
# Environment (all optional):
#   CONFIG=nbomber-config.json  DURATION_SCALE=0.2  REPORT_DIR=load-report  TOLERANCE=10 (percent)  LABEL=<build label>
#   LOADHARNESS="dotnet src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll" (built here when missing)
set -uo pipefail
cd "$(dirname "$0")/../.."

CONFIG=${CONFIG:-nbomber-config.json}
DURATION_SCALE=${DURATION_SCALE:-0.2}
REPORT_DIR=${REPORT_DIR:-load-report}
TOLERANCE=${TOLERANCE:-10}
BASELINE=${1:-${BASELINE:-}}
LABEL=${LABEL:-$(git rev-parse --short HEAD 2>/dev/null || echo local)}

if [ -z "${LOADHARNESS:-}" ]; then
  # The embedded default (no Target configured) needs PostgreSQL and fonts: the repository installs them.
  source ./scripts/prereqs.sh && ensure_prereqs run || exit 1
  dotnet build src/LoadHarness.Cli/LoadHarness.Cli.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >&2 || exit 1
  LOADHARNESS="dotnet src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll"
fi

summary() { if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1" ]; then { cat "$1"; echo; } >> "$GITHUB_STEP_SUMMARY"; fi; }

$LOADHARNESS run --config "$CONFIG" --duration-scale "$DURATION_SCALE" --ci --label "$LABEL" --out "$REPORT_DIR/run"
run_exit=$?
summary "$REPORT_DIR/run/summary.md"
if [ ! -f "$REPORT_DIR/run/result.json" ]; then
  echo "gate: the run wrote no result.json (exit $run_exit)" >&2
  exit "$run_exit"
fi

compare_exit=0
if [ -n "$BASELINE" ] && { [ -f "$BASELINE" ] || find "$BASELINE" -name result.json -print -quit 2>/dev/null | grep -q .; }; then
  # The candidate goes before --baseline (which takes every path after it).
  $LOADHARNESS compare "$REPORT_DIR/run/result.json" --baseline "$BASELINE" \
    --fail-on-regression "$TOLERANCE" --out "$REPORT_DIR/compare"
  compare_exit=$?
  summary "$REPORT_DIR/compare/compare.md"
else
  echo "gate: no baseline result.json (${BASELINE:-none given}): the comparison is skipped" >&2
fi

echo "gate: run exit $run_exit, compare exit $compare_exit" >&2
if [ "$run_exit" -ne 0 ]; then exit "$run_exit"; fi
exit "$compare_exit"
