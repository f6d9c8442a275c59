#!/usr/bin/env bash
# A/A and planted-slowdown runs of the sample API (api_profile, the seed's ramp at --duration-scale 0.1).
# Order per round: base (0), d50, aa (0), d20. Pairs: A/A = (base, aa); +50 % = (base, d50); +20 % = (aa, d20).
set -u
cd /tmp/cmp
D50=${D50:-9}
D20=${D20:-3.5}
for i in $(seq 1 10); do
  for kind in base d50 aa d20; do
    case $kind in d50) d=$D50 ;; d20) d=$D20 ;; *) d=0 ;; esac
    out=data/${kind}_$i
    [ -f $out/result.json ] && continue
    start=$(date +%s)
    TARGETAPI_EXTRA_DELAY_MS=$d timeout 300 dotnet bin/loadharness.dll run --config nbomber-config.json --duration-scale 0.1 \
      --target-scenarios api_profile --out $out --formats md --quiet --no-gate > data/${kind}_$i.log 2>&1
    echo "$kind $i delay=$d rc=$? $(( $(date +%s) - start ))s $(uptime | sed 's/.*load average: //')" >> data/progress.txt
  done
done
echo done >> data/progress.txt
