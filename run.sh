#!/usr/bin/env bash
# The README's first command: installs what is missing (PostgreSQL, fonts), builds in Release, then runs
# `loadharness run` with the default nbomber-config.json. With no Target configured this is the embedded
# default: a throwaway PostgreSQL + the sample API, both stopped afterwards (on Ctrl+C too).
#   ./run.sh                          the full default run (the seed's 9-minute ramp)
#   ./run.sh --duration-scale 0.1     the same plan, every duration x0.1 (about a minute)
#   ./run.sh --before-after           run without the index migration, apply it, run again, compare
# Any other argument is passed to `loadharness run` (see `./run.sh --help`).
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prereqs.sh
ensure_prereqs run

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "building (Release)..." >&2
dotnet build src/LoadHarness.Cli/LoadHarness.Cli.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >&2

args=("$@")
has_config=false
for a in "${args[@]}"; do
  case "$a" in --config|--config=*|-c) has_config=true ;; esac
done
if ! $has_config; then args=(--config nbomber-config.json "${args[@]}"); fi
exec dotnet src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll run "${args[@]}"
