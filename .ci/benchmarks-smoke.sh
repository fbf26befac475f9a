#!/usr/bin/env bash
# The benchmark pipeline of .github/workflows/benchmarks.yml, locally and at smoke size: two shards of the `ci`
# matrix, merge, check-results, report (Markdown and its HTML twin, which .ci/check-html-report.sh then opens in a
# browser), a compare of the merged run against itself (which must pass the gate
# and find no change), and the gate's machinery: one jar run as two builds (workbench aa), compared within the run. Exits non-zero on any failure; prints how long it took.
#
#   .ci/benchmarks-smoke.sh [WORK_DIR]       (default: a fresh temporary directory, kept for inspection)
#
# The smoke profile measures one short iteration per point: it proves that every step runs, not that anything is
# fast. Set WORKBENCH_NO_BUILD=1 to skip the jar staleness check when the jars were just built.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/benchmarks-smoke.XXXXXX")}"
mkdir -p "$WORK"
start=$(date +%s)
step() { printf '\n=== [%4ds] %s\n' "$(( $(date +%s) - start ))" "$*"; }
fail() { echo "benchmarks-smoke: FAILED: $*" >&2; echo "benchmarks-smoke: failed after $(( $(date +%s) - start ))s; files in $WORK" >&2; exit 1; }

# builds the jars once if they are missing or stale; every later call skips the check
step "build (if stale) and plan: ./workbench list --profile smoke --matrix ci"
./workbench list --profile smoke --matrix ci >/dev/null || fail "workbench list"
export WORKBENCH_NO_BUILD=1

for i in 1 2; do
  step "shard $i/2: ./workbench run --profile smoke --matrix ci --shard $i/2 --no-report"
  ./workbench run --profile smoke --matrix ci --shard "$i/2" --no-report --out "$WORK/shard-$i" \
    || fail "shard $i/2 (see $WORK/shard-$i/logs)"
done

step "merge"
./workbench merge "$WORK/shard-1" "$WORK/shard-2" --out "$WORK/merged" || fail "merge"

step "check-results"
./workbench check-results "$WORK/merged" || fail "check-results"

step "the harness's cpu profiler ran in the forks (cpu.time.norm in the results, a CPU column in the report)"
grep -q '"cpu.time.norm"' "$WORK"/merged/results/*.json || fail "no cpu.time.norm in any result file"

step "report"
./workbench report "$WORK/merged" --out "$WORK/report" || fail "report"
for page in README.md phase-1-sessions.md phase-2-actors-events.md phase-3.1-pools.md \
            phase-3.2-requests-dispatch.md phase-3.3-outbound-io.md shootout.md end-to-end.md seed.md; do
  [[ -s "$WORK/report/$page" ]] || fail "report page $page missing or empty"
done
[[ -s "$WORK/report/report.html" ]] || fail "report.html (the HTML twin of README.md) missing or empty"
ls "$WORK"/report/charts/*.png >/dev/null 2>&1 || fail "report drew no PNG chart"
ls "$WORK"/report/charts/*.svg >/dev/null 2>&1 || fail "report drew no SVG chart"

step "flame graphs: one codec point with --profiler async, linked from its report (skipped where the library cannot load)"
./workbench run --profile smoke --matrix ci --include 'CodecBenchmark' --profiler gc,cpu,async --no-calibration \
  --no-footprint --out "$WORK/async" || fail "run with --profiler async"
if ls "$WORK"/async/profiles/*/*/flame-cpu-forward.html >/dev/null 2>&1; then
  grep -q "flame-cpu-forward.html" "$WORK/async/report/README.md" || fail "the report does not link the flame graphs"
elif grep -q "profiler async left out" "$WORK/async/run.json"; then
  echo "SKIPPED: $(grep -o 'profiler async left out[^"]*' "$WORK/async/run.json" | head -1)"
else
  fail "--profiler async produced no flame graph and said nothing"
fi

step "compare: the merged run against itself must pass the gate and find no change"
./workbench compare "$WORK/merged" "$WORK/merged" --out "$WORK/compare.md" || fail "compare gate on identical runs"
./workbench compare "$WORK/merged" "$WORK/merged" --format json --out "$WORK/compare.json" \
  || fail "compare (json) on identical runs"
if grep -q -E '"verdict" : "(FASTER|SLOWER|ADDED|REMOVED)"' "$WORK/compare.json"; then
  fail "compare found a change between a run and itself ($WORK/compare.json)"
fi

step "relative benchmarking: the A/A self-check (one jar as base and head, interleaved in 3 rounds), then compare RUN"
./workbench aa --profile smoke --forks 3 --include 'CodecBenchmark|BufferPool' --out "$WORK/aa" \
  --report "$WORK/aa.md" || fail "workbench aa"
grep -q '^| none (A/A) |' "$WORK/aa.md" || fail "aa summary has no A/A row ($WORK/aa.md)"
./workbench compare "$WORK/aa" --format json --out "$WORK/aa-compare.json" || fail "compare of two identical builds"
grep -q '"paired" : true' "$WORK/aa-compare.json" || fail "the builds of one run were not paired ($WORK/aa-compare.json)"

step "done in $(( $(date +%s) - start ))s; report: $WORK/report/README.md"
