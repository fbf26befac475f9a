#!/usr/bin/env bash
# CI check of the notebooks (needs Jupyter, a system dependency, so it is not part of `mvn verify`):
#   1. installs Jupyter (Debian packages, if missing; needs root then), the kernel jar and the kernelspec "java";
#   2. makes three smoke runs with ./workbench: two of the `ci` matrix (a new run and a base run, for the compare
#      notebook) and one of the `seed` matrix (for the seed-claims notebook);
#   3. executes the kernel smoke notebook and the four result notebooks headless against those runs, saves the
#      executed HTML in OUT, prints each notebook's time, and fails on any cell error;
#   4. checks the HTML: the smoke notebook's printed text, value and chart; a chart image in every notebook;
#      the seed notebook's computed figures and its HybridWorkloadBenchmark chart;
#   5. executes two notebooks with a failing cell (a runtime exception, a compile error) and checks that
#      run-notebooks.sh fails on each, naming the error.
# About 5 minutes on 2 cores (the three smoke runs take most of it: every fork is its own JMH process).
#
# usage: notebooks/ci.sh [--jdk JAVA_HOME] [--out DIR] [--keep-runs] [DIR]
#   --out DIR, DIR   where the executed HTML and timings.tsv go; default: notebooks/out
#   --jdk DIR        the JDK the kernel runs on (the benchmarks run on $JAVA_HOME or the java on PATH)
#   --keep-runs      keep the smoke runs (in OUT/runs) instead of deleting them
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
fixtures="$here/kernel/src/test/resources"
out="$here/out"
keep_runs=no
run_args=()
while (($#)); do
  case "$1" in
    --jdk) run_args+=(--jdk "${2:?--jdk needs a JDK directory}"); shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --keep-runs) keep_runs=yes; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "ci.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    *) out="$1"; shift ;;
  esac
done
start=$(date +%s)
step() { printf '\n--- notebooks/ci.sh [%4ds]: %s\n' "$(( $(date +%s) - start ))" "$*"; }
fail() { printf 'notebooks/ci.sh: FAILED: %s\n' "$*" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -rf "$out/failing" "$out/runs" "$out"/*.html "$out"/*.log "$out/timings.tsv"
if [[ "$keep_runs" == yes ]]; then
  runs="$out/runs"
  mkdir -p "$runs"
else
  runs="$(mktemp -d "${TMPDIR:-/tmp}/notebooks-ci.XXXXXX")"
  trap 'rm -rf "$runs"' EXIT
fi

step "install Jupyter, the kernel jar and the kernelspec"
bash "$here/install-kernel.sh"

step "smoke runs for the notebooks (./workbench run --profile smoke): ci twice, seed once"
for run in "ci new" "ci base" "seed seed"; do
  read -r matrix name <<<"$run"
  t0=$(date +%s)
  "$repo/workbench" run --profile smoke --matrix "$matrix" --no-report --out "$runs/$name" >"$runs/$name.log" 2>&1 \
    || { tail -n 30 "$runs/$name.log" >&2; fail "./workbench run --matrix $matrix (log: $runs/$name.log)"; }
  echo "notebooks/ci.sh: --matrix $matrix -> $runs/$name in $(( $(date +%s) - t0 ))s"
  export WORKBENCH_NO_BUILD=1 # the first run built the jars if they were missing or stale (the notebooks' %jars
                              # line needs cli/target/workbench.jar)
done

step "the kernel smoke notebook and the four result notebooks execute without errors"
notebooks=("$here/00-kernel-smoke.ipynb" "$here/01-phases.ipynb" "$here/02-compare.ipynb"
           "$here/03-shootout-scaling.ipynb" "$here/04-seed-claims.ipynb")
MSGTRANS_RUN="$runs/new" MSGTRANS_BASE="$runs/base" MSGTRANS_SEED_RUN="$runs/seed" \
  bash "$here/run-notebooks.sh" "${run_args[@]}" --out "$out" --timeout 300 "${notebooks[@]}" \
  || fail "a notebook did not execute cleanly (see above)"

step "the executed HTML"
png='<img src="data:image/png;base64,iVBORw0KGgo' # an output image (a PNG's base64 starts with its signature),
                                                  # not the template's CSS, which also holds data URIs
for notebook in "${notebooks[@]}"; do
  html="$out/$(basename "$notebook" .ipynb).html"
  [[ -s "$html" ]] || fail "no executed HTML at $html"
  grep -q "$png" "$html" || fail "no image/png output (a chart) in $html"
done
html="$out/00-kernel-smoke.html"
grep -q 'kernel smoke: hello from JShell' "$html" || fail "the cell's printed text is missing from $html"
grep -q 'kernel smoke: mean of 5 latencies = 14.52 us' "$html" || fail "the last expression's value is missing from $html"
grep -q "produced by: ./workbench run --profile smoke --matrix ci" "$out/01-phases.html" \
  || fail "01-phases.html does not name the run it charted"
grep -q "of 334 sent" "$out/04-seed-claims.html" || fail "04-seed-claims.html lacks the computed demo figures"
# the hybrid demo cell: a chart output after its input (PRESET_COLOURS is in that input only), then its printed
# line, which is not in the source as such (the count is computed), so the input alone cannot satisfy the check
awk -v png="$png" '/PRESET_COLOURS/ { input = NR } input && NR > input && index($0, png) { image = NR }
  /HybridWorkloadBenchmark charted: [1-9][0-9]* presets/ { if (input && image > input) ok = 1 }
  END { exit ok ? 0 : 1 }' "$out/04-seed-claims.html" \
  || fail "04-seed-claims.html lacks the HybridWorkloadBenchmark chart (is the benchmark in the seed matrix?)"
echo "notebooks/ci.sh: every notebook has a chart; the smoke notebook's text and value and the seed notebook's hybrid"\
  "chart are present"

expect_failure() { # NOTEBOOK TEXT: run-notebooks.sh must fail and its output must contain TEXT
  local notebook="$1" text="$2" log="$out/failing/$(basename "$1" .ipynb).log"
  mkdir -p "$out/failing"
  if bash "$here/run-notebooks.sh" "${run_args[@]}" --out "$out/failing" --timeout 120 "$notebook" >"$log" 2>&1; then
    cat "$log" >&2
    fail "run-notebooks.sh exited 0 on $(basename "$notebook"), which has a failing cell"
  fi
  grep -q "$text" "$log" || { cat "$log" >&2; fail "the failure of $(basename "$notebook") does not mention '$text'"; }
  grep -q 'must not run' "$log" && fail "a cell after the failing one ran in $(basename "$notebook")"
  echo "notebooks/ci.sh: $(basename "$notebook") failed as it must: $(grep -m1 "$text" "$log")"
}
step "a notebook whose cell throws makes run-notebooks.sh fail"
expect_failure "$fixtures/failing-runtime.ipynb" 'ArithmeticException: / by zero'
step "a notebook whose cell does not compile makes run-notebooks.sh fail"
expect_failure "$fixtures/failing-compile.ipynb" 'cannot find symbol'

step "passed in $(( $(date +%s) - start ))s; HTML and timings.tsv in $out"
column -t -s $'\t' "$out/timings.tsv" 2>/dev/null || cat "$out/timings.tsv"
