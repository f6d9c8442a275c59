#!/usr/bin/env bash
# The README's test command: installs what the tests need when it is missing, builds, runs every test.
# Results (TRX + JUnit XML per test assembly) land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prereqs.sh
ensure_prereqs test

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export LOADHARNESS_CHROMIUM="${LOADHARNESS_CHROMIUM:-$(command -v chromium || true)}"

rm -rf TestResults
dotnet build LoadHarness.sln -c Release -nologo -v:minimal
# One test assembly at a time (-m:1): they share 2 cores with real PostgreSQL clusters and Kestrel servers.
dotnet test LoadHarness.sln -c Release --no-build -nologo -m:1 \
  --results-directory TestResults \
  --logger "trx" \
  --logger "junit;LogFilePath=$PWD/TestResults/{assembly}.junit.xml" \
  "$@" \
  -- RunConfiguration.MaxCpuCount=1
