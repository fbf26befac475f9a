#!/usr/bin/env bash
# Executes notebooks headless with Debian's nbconvert and the kernelspec "java", writes the executed HTML, and
# fails if any cell of any notebook fails (a compile error, an exception, a magic error).
#
# usage: notebooks/run-notebooks.sh [--out DIR] [--jdk JAVA_HOME] [--timeout SECONDS] [--kernel NAME] [NOTEBOOK...]
#   NOTEBOOK        notebooks to run, in order; default: notebooks/*.ipynb
#   --out DIR       where the executed HTML goes (DIR/NAME.html); default: notebooks/out
#   --jdk DIR       the JDK the kernel runs on (sets JAVA_HOME for it); default: $JAVA_HOME, else java on PATH
#   --timeout S     longest a single cell may run, in seconds; default: 600
#   --kernel NAME   kernelspec to use; default: java
# Every notebook runs even if an earlier one failed; the exit status is 1 if any failed.
# Prints each notebook's wall time, and writes them to DIR/timings.tsv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python=/usr/bin/python3   # Debian's python has Jupyter; the python3 first on PATH may not
out="$here/out"
timeout=600
kernel=java
notebooks=()
while (($#)); do
  case "$1" in
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --jdk) export JAVA_HOME="${2:?--jdk needs a JDK directory}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs seconds}"; shift 2 ;;
    --kernel) kernel="${2:?--kernel needs a kernelspec name}"; shift 2 ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-notebooks.sh: unknown option $1 (see --help)" >&2; exit 64 ;;
    *) notebooks+=("$1"); shift ;;
  esac
done
if ((${#notebooks[@]} == 0)); then
  shopt -s nullglob
  notebooks=("$here"/*.ipynb)
  shopt -u nullglob
  ((${#notebooks[@]})) || { echo "run-notebooks.sh: no notebooks in $here" >&2; exit 1; }
fi
jupyter() { env -u PYTHONPATH -u PYTHONHOME PYDEVD_DISABLE_FILE_VALIDATION=1 "$python" -Xfrozen_modules=off "$@"; }
if ! jupyter -c 'import nbconvert, nbclient' 2>/dev/null; then
  echo "run-notebooks.sh: Debian's Jupyter is missing; run notebooks/install-kernel.sh first" >&2
  exit 1
fi
if ! jupyter -m jupyter kernelspec list --json 2>/dev/null \
    | "$python" -c 'import json, sys; sys.exit(0 if sys.argv[1] in json.load(sys.stdin)["kernelspecs"] else 1)' "$kernel"; then
  echo "run-notebooks.sh: no kernelspec '$kernel'; run notebooks/install-kernel.sh first" >&2
  exit 1
fi
if [[ -n "${JAVA_HOME:-}" && ! -x "$JAVA_HOME/bin/java" ]]; then
  echo "run-notebooks.sh: JAVA_HOME=$JAVA_HOME has no bin/java" >&2
  exit 1
fi
java_cmd="${MSGTRANS_KERNEL_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
java_version="$("$java_cmd" -version 2>&1 | grep -v "^Picked up" | head -n1)"
mkdir -p "$out"
timings="$out/timings.tsv"
printf 'notebook\tstatus\tseconds\tjava\n' >"$timings"
echo "run-notebooks.sh: kernel '$kernel' on $java_version; HTML to $out"

failed=0
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook" .ipynb)"
  start=$(date +%s%N)
  status=ok
  # nbconvert exits non-zero when a cell raises an error output; keep going, remember it
  if ! jupyter -m nbconvert --to html --execute \
      --ExecutePreprocessor.kernel_name="$kernel" \
      --ExecutePreprocessor.timeout="$timeout" \
      --output-dir "$out" --output "$name" "$notebook"; then
    status=FAILED
    failed=$((failed + 1))
  fi
  seconds=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$seconds" "$java_version" >>"$timings"
  printf 'run-notebooks.sh: %-40s %-6s %6ss\n' "$name" "$status" "$seconds"
done
if ((failed)); then
  echo "run-notebooks.sh: $failed of ${#notebooks[@]} notebook(s) failed" >&2
  exit 1
fi
echo "run-notebooks.sh: all ${#notebooks[@]} notebook(s) ran without errors"
