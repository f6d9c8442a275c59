#!/bin/bash
# A/A on a quiet machine: the small Kestrel target of bench/compare (4 ms wait + SHA-256 of 16 KiB), 10 pairs of 20 s
# closed runs (20 VUs, 20 ms think), base_i then aa_i back to back, with main's loadharness at its defaults; then
# compare base_i aa_i at the default settings.
# KESTREL: the target built from kestrel-target.cs.txt (a Program.cs in an `dotnet new web` project); CONFIG: kestrel-config.json.
# Writes into the current folder: data/, eval/, progress.txt, summary.txt.
REPO=$(cd "$(dirname "$0")/../.." && pwd)
L="dotnet $REPO/src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll"
CONFIG=${CONFIG:-$REPO/bench/compare/kestrel-config.json}
KESTREL=${KESTREL:-/tmp/cmp/kestrel/bin/Release/net10.0/kestrel.dll}
mkdir -p data eval
ASPNETCORE_URLS=http://127.0.0.1:5299 dotnet "$KESTREL" > kestrel.log 2>&1 &
k=$!
sleep 3
for i in $(seq 1 10); do
  for kind in base aa; do
    timeout 120 $L run -c "$CONFIG" --out data/${kind}_$i --quiet --no-gate > data/${kind}_$i.log 2>&1
    echo "$kind $i rc=$? $(cut -d' ' -f1-3 /proc/loadavg)" >> progress.txt
  done
done
kill $k
for i in $(seq 1 10); do
  $L compare data/base_$i/result.json data/aa_$i/result.json --out eval/aa_$i --fail-on-regression 10 > eval-aa_$i.txt 2>&1
  echo "pair $i exit=$? $(grep -m1 -E 'REGRESSION|NO REGRESSION|IMPROVED|NOT COMPARABLE|no regression' eval-aa_$i.txt)" >> summary.txt
done
echo done >> progress.txt
