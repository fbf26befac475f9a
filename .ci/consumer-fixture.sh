#!/usr/bin/env bash
# The transport as a library, consumed from outside this build (issue 17): installs the library modules (parent, BOM,
# core, the four variants, the Micrometer binder) into a throwaway local repository, builds variants/consumer-fixture
# (its own POM, the BOM imported, core and lockfree without versions) against it and runs its echo check, then checks
# what the consumer got: exactly core, lockfree and jctools on its class path (no workbench artifact), the jar
# manifests' module names and the sources jars. Offline: third-party artifacts come read-only from ~/.m2
# (maven.repo.local.tail), nothing is written there (online only for plugins ~/.m2 lacks, downloaded into the
# throwaway repository).
#
# Usage: [RELEASE=1] .ci/consumer-fixture.sh [WORKDIR]   (default target/consumer-fixture; RELEASE=1 installs with
# -Prelease, so the javadoc jars are built and checked too, as .ci/run does)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
work="${1:-target/consumer-fixture}"
mkdir -p "$work" && work="$(cd "$work" && pwd -P)"
repo="$work/repo"
rm -rf "$repo" "$work/fixture" && mkdir -p "$repo"
tail_repo="${MAVEN_TAIL_REPO:-$HOME/.m2/repository}"
maven=(-B -q -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail_repo")
# offline when ~/.m2 has the plugins only this script uses (a fresh machine's verify does not fetch them); otherwise
# Maven downloads them, into the throwaway repository
plugins="$tail_repo/org/apache/maven/plugins"
if [[ -d "$plugins/maven-dependency-plugin/3.8.1" && -d "$plugins/maven-source-plugin/3.3.1" \
      && ( -z "${RELEASE:-}" || -d "$plugins/maven-javadoc-plugin/3.11.2" ) ]]; then
  maven+=(-o)
else
  echo "consumer-fixture: plugins missing from $tail_repo, resolving online"
fi
fail() { echo "consumer-fixture: FAIL: $*" >&2; exit 1; }

version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
for pom in variants/parent/pom.xml variants/bom/pom.xml; do
  v=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$pom" | head -1)
  [[ "$v" == "$version" ]] || fail "$pom has version $v, the root pom.xml $version: move them together"
done

modules=core,mutex,rwlock,lockfree,cow,micrometer,hdrhistogram
echo "consumer-fixture: installing the library $version into $repo"
./mvnw "${maven[@]}" ${RELEASE:+-Prelease} install -DskipTests \
  -pl variants/parent,variants/bom,$(sed 's|\([a-z]*\)|variants/\1|g' <<<"$modules")

# what went into the repository: each module's jar names its JPMS module, and has its sources beside it
for m in ${modules//,/ }; do
  dir="$repo/dev/msgtrans/msgtrans-$m/$version"
  jar="$dir/msgtrans-$m-$version.jar"
  [[ -f "$jar" ]] || fail "msgtrans-$m was not installed ($jar)"
  [[ -f "$dir/msgtrans-$m-$version-sources.jar" ]] || fail "msgtrans-$m has no sources jar"
  [[ -z "${RELEASE:-}" || -f "$dir/msgtrans-$m-$version-javadoc.jar" ]] || fail "msgtrans-$m has no javadoc jar"
  want=dev.msgtrans.variants.$m; [[ $m == core || $m == micrometer || $m == hdrhistogram ]] && want=dev.msgtrans.$m
  got=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [[ "$got" == "$want" ]] || fail "msgtrans-$m: Automatic-Module-Name '$got', expected '$want'"
  ! grep -q '<artifactId>msgtrans-workbench</artifactId>' "$dir/msgtrans-$m-$version.pom" \
    || fail "msgtrans-$m's POM names the workbench aggregator (its parent must be msgtrans-parent)"
done
# only the library is installed: no workbench module, not even its aggregator POM
extra=$(ls "$repo/dev/msgtrans" | grep -vxE "msgtrans-(parent|bom|${modules//,/|})" || true)
[[ -z "$extra" ]] || fail "installed besides the library: $extra"

echo "consumer-fixture: building and running variants/consumer-fixture against it"
cp -r variants/consumer-fixture "$work/fixture"
cd "$work/fixture"
"$root/mvnw" "${maven[@]}" -Dmsgtrans.version="$version" compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt"
cp=$(cat "$work/classpath.txt")

# the class path is exactly what the two dependencies need, each from the throwaway repository
names=$(tr ':' '\n' <<<"$cp" | xargs -n1 basename | sort | tr '\n' ' ')
expected="jctools-core-4.0.5.jar msgtrans-core-$version.jar msgtrans-lockfree-$version.jar "
[[ "$names" == "$expected" ]] || fail "consumer class path is [$names], expected [$expected]"
for entry in $(tr ':' '\n' <<<"$cp" | grep /dev/msgtrans/); do
  [[ "$entry" == "$repo"/* ]] || fail "$entry does not come from the installed library"
done

java -cp "target/classes:$cp" com.example.fixture.EchoCheck || fail "the echo check failed"
# the same jars as named modules (automatic ones: nothing requires jctools, hence ALL-MODULE-PATH): the module
# names resolve and the variant is found through them
java --module-path "$cp" --add-modules ALL-MODULE-PATH -cp target/classes \
  com.example.fixture.EchoCheck || fail "the echo check failed with the library on the module path"
echo "consumer-fixture: OK"
