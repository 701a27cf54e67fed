// `npm run test:e2e` (after build + package): the editor suites.
//   vscode       @vscode/test-electron in a desktop VS Code (needs VSCODE_EXECUTABLE)
//   code-server  the real VS Code workbench in headless Chromium (installs code-server + chromium when missing)
//   neovim       Neovim's LSP client against dist/server.js (installs neovim when missing)
// Usage: node test/e2e/run.mjs [part...]   Parts that cannot run here are skipped with the reason.
// Exit code 1 when any check fails (a skip is not a failure).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace.mjs';
import { runVsCodeElectron } from './vscode/run.mjs';
import { runCodeServer } from './codeserver.mjs';
import { runNeovim } from './neovim.mjs';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const vsix = join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
const PARTS = {
  vscode: (ctx) => runVsCodeElectron(ctx),
  'code-server': (ctx) => (existsSync(vsix) ? runCodeServer({ ...ctx, vsix }) : { skipped: `${vsix} not found: run npm run package first` }),
  neovim: (ctx) => runNeovim(ctx),
};

const wanted = process.argv.slice(2);
for (const w of wanted) if (!PARTS[w]) {
  console.error(`unknown part '${w}'; parts: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
if (!existsSync(join(repoRoot, 'dist/server.js'))) {
  console.error('dist/server.js not found: run npm run build first');
  process.exit(2);
}

const summary = [];
let failed = 0;
let passedChecks = 0;
let skippedParts = 0;
const t00 = Date.now();
for (const [name, run] of Object.entries(PARTS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const t0 = Date.now();
  const checks = [];
  const log = (msg) => console.log(`[${name}] ${msg}`);
  const check = (what, ok, detail = '') => {
    checks.push(ok);
    console.log(`[${name}] ${ok ? 'ok  ' : 'FAIL'} ${what}${detail && !ok ? ` — ${detail}` : detail ? `  (${detail})` : ''}`);
  };
  let result;
  try {
    result = await run({ log, check });
  } catch (err) {
    result = { failed: err.stack ?? String(err) };
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  let status;
  if (result?.skipped) {
    status = `SKIPPED (${result.skipped})`;
    skippedParts++;
  }
  else if (result?.failed) {
    console.log(`[${name}] FAIL ${result.failed}`);
    status = 'FAILED';
    failed++;
  } else {
    const bad = checks.filter((c) => !c).length;
    failed += bad;
    passedChecks += checks.length - bad;
    status = bad ? `FAILED ${bad}/${checks.length} checks` : `passed ${checks.length} checks`;
  }
  summary.push(`  ${name.padEnd(12)} ${status}  [${secs}s]`);
}
console.log(`\nend-to-end summary (${((Date.now() - t00) / 1000).toFixed(1)}s):\n${summary.join('\n')}`);
// The plain closing line CI reads: checks passed and failed, parts skipped.
console.log(`e2e: ${passedChecks} passed, ${failed} failed, ${skippedParts} skipped`);
process.exit(failed > 0 ? 1 : 0);
