#!/usr/bin/env bash
# CI check of the notebook kernel (needs Jupyter, a system dependency, so it is not part of `mvn verify`):
#   1. installs Jupyter (Debian packages, if missing; needs root then), the kernel jar and the kernelspec "java";
#   2. executes the smoke notebook headless and checks its HTML: the printed text, the last expression's value and
#      an image/png output (a chart);
#   3. executes two notebooks with a failing cell (a runtime exception, a compile error) and checks that
#      run-notebooks.sh fails on each, naming the error.
#
# usage: notebooks/ci.sh [--jdk JAVA_HOME] [--out DIR]      (default out: notebooks/out/ci)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$here/kernel/src/test/resources"
out="$here/out/ci"
run_args=()
while (($#)); do
  case "$1" in
    --jdk) run_args+=(--jdk "${2:?--jdk needs a JDK directory}"); shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ci.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done
step() { printf '\n--- notebooks/ci.sh: %s\n' "$*"; }
fail() { printf 'notebooks/ci.sh: FAILED: %s\n' "$*" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"

step "install Jupyter, the kernel jar and the kernelspec"
bash "$here/install-kernel.sh"

step "the smoke notebook executes without errors"
bash "$here/run-notebooks.sh" "${run_args[@]}" --out "$out" --timeout 120 "$here/00-kernel-smoke.ipynb" \
  || fail "00-kernel-smoke.ipynb did not execute cleanly"
html="$out/00-kernel-smoke.html"
[[ -s "$html" ]] || fail "no executed HTML at $html"
grep -q 'kernel smoke: hello from JShell' "$html" || fail "the cell's printed text is missing from $html"
grep -q 'kernel smoke: mean of 5 latencies = 14.52 us' "$html" || fail "the last expression's value is missing from $html"
# an output image, not the template's CSS data URIs; a PNG's base64 starts with iVBORw0KGgo (its signature)
grep -q '<img src="data:image/png;base64,iVBORw0KGgo' "$html" || fail "no image/png output (the chart) in $html"
echo "notebooks/ci.sh: smoke notebook: printed text, value and chart image present"

expect_failure() { # NOTEBOOK TEXT: run-notebooks.sh must fail and its output must contain TEXT
  local notebook="$1" text="$2" log="$out/$(basename "$1" .ipynb).log"
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

step "passed; timings in $out/timings.tsv"
