#!/usr/bin/env bash
# Small Kestrel target: 10 rounds of base, +50 % (8 ms), A/A, +20 % (3 ms); 20 s closed runs (20 VUs, 20 ms think time).
cd /tmp/cmp
for i in $(seq 1 10); do
  for kind in base d50 aa d20; do
    case $kind in d50) c=k_d50.json ;; d20) c=k_d20.json ;; *) c=k_0.json ;; esac
    timeout 120 dotnet bin/loadharness.dll run -c $c --out kdata/${kind}_$i --quiet --no-gate > kdata/${kind}_$i.log 2>&1
    echo "$kind $i rc=$? $(uptime | sed 's/.*load average: //')" >> kdata/progress.txt
  done
done
echo done >> kdata/progress.txt
