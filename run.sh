#!/usr/bin/env bash
# The README's first command: installs what is missing (PostgreSQL, fonts), builds in Release, then runs
# `loadharness run` with the default nbomber-config.json. With no Target configured this is the embedded
# default: a throwaway PostgreSQL + the sample API, both stopped afterwards (on Ctrl+C too).
#   ./run.sh                          the full default run (the seed's 9-minute ramp)
#   ./run.sh --duration-scale 0.1     the same plan, every duration x0.1 (about a minute)
#   ./run.sh --before-after           run without the index migration, apply it, run again, compare
#   ./run.sh capacity --scenario api_profile [--before-after]   another verb: capacity, audit, bench-queries, ...
# Any other argument is passed to `loadharness run` (see `./run.sh --help`), or to the verb named first.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/prereqs.sh
ensure_prereqs run

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "building (Release)..." >&2
dotnet build src/LoadHarness.Cli/LoadHarness.Cli.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >&2

verb=run
case "${1:-}" in
  run|capacity|audit|bench-queries|validate|list|report|compare|merge|trend) verb=$1; shift ;;
esac
args=("$@")
has_config=false
for a in "${args[@]}"; do
  case "$a" in --config|--config=*|-c|--help|-h|--url|--url=*) has_config=true ;; esac
done
# The verbs that read a config get the repository's default one unless another is given.
case "$verb" in
  run|capacity|audit|bench-queries|validate) if ! $has_config; then args=(--config nbomber-config.json "${args[@]}"); fi ;;
esac
exec dotnet src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll "$verb" "${args[@]}"
