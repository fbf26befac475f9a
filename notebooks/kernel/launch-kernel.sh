#!/usr/bin/env bash
# Starts the MsgTrans Java kernel; the kernelspec's argv runs this script (install-kernel.sh writes it).
#
#   launch-kernel.sh [--classpath CP]... CONNECTION_FILE
#
# Java: $MSGTRANS_KERNEL_JAVA if set, else $JAVA_HOME/bin/java if JAVA_HOME is set, else `java` on PATH.
# Extra JVM options: $MSGTRANS_KERNEL_JAVA_OPTS (e.g. -Xmx2g). Extra cell class path: $MSGTRANS_KERNEL_CLASSPATH.
# `exec` keeps the Jupyter client the JVM's parent, which the kernel watches so that it exits when the client dies.
set -euo pipefail
jar="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/msgtrans-kernel.jar"
if [[ ! -f "$jar" ]]; then
  echo "launch-kernel.sh: $jar is missing; build it with notebooks/install-kernel.sh" >&2
  exit 1
fi
java="${MSGTRANS_KERNEL_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"
# C1 only and the serial collector: cells are short and the machine is shared; startup time dominates
# shellcheck disable=SC2086 # MSGTRANS_KERNEL_JAVA_OPTS is a list of options
exec "$java" -Djava.awt.headless=true -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  ${MSGTRANS_KERNEL_JAVA_OPTS:-} -jar "$jar" "$@"
