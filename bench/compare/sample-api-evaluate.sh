#!/usr/bin/env bash
# Runs compare on every collected pair; prints one line per pair: kind, index, outcome and the regressed metrics.
# Usage: evaluate.sh [extra compare args...]
cd /tmp/cmp/data
L="dotnet /work/wt-compare/src/LoadHarness.Cli/bin/Release/net10.0/loadharness.dll"
for i in $(seq 1 10); do
  for pair in "aa base_$i aa_$i" "d50 base_$i d50_$i" "d20 aa_$i d20_$i"; do
    set -- $pair; kind=$1; b=$2; c=$3
    [ -f $b/result.json ] && [ -f $c/result.json ] || continue
    out=/tmp/cmp/eval/${kind}_$i
    $L compare $b/result.json $c/result.json --out $out "${@:4}" $EXTRA > /dev/null 2>&1
    python3 - "$kind" "$i" "$out/compare.json" <<'PY'
import json,sys
k,i,p=sys.argv[1:]
j=json.load(open(p))
m=[x for x in j['metrics'] if x['step'] is None]
reg=[f"{x['metric']}" for x in m if x['verdict']=='regressed']
inc=[f"{x['metric']}" for x in m if x['verdict']=='inconclusive']
p95=[x for x in m if x['metric']=='p95'][0]
print(f"{k:4} {i:>2} {j['outcome']:13} p95 {p95['baseline']:7.2f}->{p95['candidate']:7.2f} regressed={','.join(reg) or '-'} inconclusive={','.join(inc) or '-'}")
PY
  done
done
