#!/usr/bin/env bash
# Installs what the notebooks need, each part only if it is missing:
#   1. Jupyter (nbconvert, nbclient, jupyter-client) from Debian's packages: needs root;
#   2. the kernel jar notebooks/kernel/target/msgtrans-kernel.jar, built with the repository's ./mvnw
#      (rebuilt when a kernel source is newer than the jar);
#   3. the kernelspec "java" (the name IJava uses, so notebooks written for IJava open here and vice versa),
#      display name "Java (MsgTrans workbench)", in the user's Jupyter kernels directory.
#
# usage: notebooks/install-kernel.sh [--classpath CP] [--rebuild] [--no-apt]
#   --classpath CP   class path for every cell (':'-separated, globs allowed), written into kernel.json;
#                    default: $MSGTRANS_KERNEL_CLASSPATH at install time, else empty
#   --rebuild        rebuild the kernel jar even if it is up to date
#   --no-apt         never call apt-get; fail if Jupyter is missing
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
python=/usr/bin/python3   # Debian's python: the python3 first on PATH may have no Jupyter at all
jar="$here/kernel/target/msgtrans-kernel.jar"
classpath="${MSGTRANS_KERNEL_CLASSPATH:-}"
rebuild=no
apt=yes
while (($#)); do
  case "$1" in
    --classpath) classpath="${2:?--classpath needs a value}"; shift 2 ;;
    --rebuild) rebuild=yes; shift ;;
    --no-apt) apt=no; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-kernel.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done
say() { printf 'install-kernel.sh: %s\n' "$*"; }

# 1. Jupyter
packages=(jupyter-core jupyter-client python3-nbconvert python3-nbclient python3-ipykernel jupyter-nbconvert)
if [[ -x "$python" ]] && env -u PYTHONPATH -u PYTHONHOME "$python" -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null; then
  say "Jupyter: present ($("$python" -m nbconvert --version 2>/dev/null | head -n1) nbconvert)"
elif [[ "$apt" == no ]]; then
  say "Jupyter is missing and --no-apt was given; install: apt-get install -y ${packages[*]}" >&2
  exit 1
elif [[ "$(id -u)" -ne 0 ]]; then
  say "Jupyter is missing, and installing it from Debian's packages needs root. Run this script as root, or:" >&2
  say "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
else
  say "Jupyter: installing ${packages[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
fi

# 2. the kernel jar
stale=no
if [[ ! -f "$jar" ]]; then
  stale=yes
elif [[ -n "$(find "$here/kernel/src/main" "$here/kernel/pom.xml" "$repo/pom.xml" -newer "$jar" -type f -print -quit)" ]]; then
  stale=yes
fi
if [[ "$rebuild" == yes || "$stale" == yes ]]; then
  say "kernel jar: building with ./mvnw"
  (cd "$repo" && ./mvnw -B -q -pl notebooks/kernel package -DskipTests)
fi
[[ -f "$jar" ]] || { say "the build did not produce $jar" >&2; exit 1; }
say "kernel jar: $jar"

# 3. the kernelspec
spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
SPEC_DIR="$spec" LAUNCHER="$here/kernel/launch-kernel.sh" CLASSPATH_ARG="$classpath" "$python" - <<'PY'
import json, os
# --classpath is always written, empty or not, so that it is obvious where the cells' class path goes
argv = [os.environ["LAUNCHER"], "--classpath", os.environ["CLASSPATH_ARG"], "{connection_file}"]
spec = {
    "argv": argv,
    "display_name": "Java (MsgTrans workbench)",
    "language": "java",
    # "signal" (the default) makes nbclient's interrupt before shutdown kill the JVM; the kernel handles
    # interrupt_request messages and stops the running cell instead
    "interrupt_mode": "message",
    "env": {},
    "metadata": {"debugger": False},
}
with open(os.path.join(os.environ["SPEC_DIR"], "kernel.json"), "w") as out:
    json.dump(spec, out, indent=2)
    out.write("\n")
PY
env -u PYTHONPATH -u PYTHONHOME "$python" -m jupyter kernelspec install --user --name java "$spec" >/dev/null 2>&1 \
  || env -u PYTHONPATH -u PYTHONHOME "$python" -m jupyter kernelspec install --user --name java "$spec"
installed="$(env -u PYTHONPATH -u PYTHONHOME "$python" -m jupyter kernelspec list --json 2>/dev/null \
  | "$python" -c 'import json, sys; print(json.load(sys.stdin)["kernelspecs"]["java"]["resource_dir"])')"
say "kernelspec java: $installed/kernel.json"
say "cell class path: ${classpath:-(none; add jars in a cell with %jars)}"
