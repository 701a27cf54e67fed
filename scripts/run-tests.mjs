// Runs test/**/*.test.ts with node's built-in test runner, on JavaScript that
// scripts/compile-tests.mjs compiles in one esbuild build (into
// .test-build/run-<pid>/, removed afterwards).
// Usage: node scripts/run-tests.mjs [--all] [--list] [filter-substring...]
// (--list prints the selected test files and runs nothing)
// Stacks name the compiled files; with NODE_OPTIONS=--enable-source-maps the
// build carries source maps and stacks name the .ts sources (slower).
// Two tiers: by default the fast tier (unit tests and in-process LSP tests: what
// `npm test` runs after each edit); `--all` (`npm run test:all`, run by .ci/run)
// adds the full tier: the real-world corpus, big and hostile inputs, and the tests
// that spawn the built bundle (stdio LSP, CLI, simulation worker).
// `npm test` builds first. Tests that run the built bundle (the spawned server,
// the CLI, the simulation worker) would silently test stale code after an edit,
// so when any selected test needs dist/ and dist/ is missing or older than the
// sources, this stops with a message instead of running them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { compileTests } from './compile-tests.mjs';

function walk(dir, out = [], skip = (name) => name === 'e2e' || name === 'node_modules' || name === 'fixtures') {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (skip(name)) continue;
    if (statSync(p).isDirectory()) walk(p, out, skip);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** A test needs the bundle when it spawns the server or CLI, or starts the built simulation worker. */
const NEEDS_DIST = /new TestClient\(|dist\/|simulation: 'worker'|requireDist\(/;
const DIST_FILES = ['dist/server.js', 'dist/cli.js', 'dist/simWorker.js', 'dist/extension.js'];
const SOURCE_DIRS = ['server/src', 'client/src'];

function newestSource() {
  let newest = { path: 'scripts/build.mjs', mtime: statSync('scripts/build.mjs').mtimeMs };
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) visit(p);
      else if (st.mtimeMs > newest.mtime) newest = { path: p, mtime: st.mtimeMs };
    }
  };
  for (const d of SOURCE_DIRS) if (existsSync(d)) visit(d);
  return newest;
}

/** Why dist/ cannot be used (missing or stale), or undefined when it is up to date. */
function distProblem() {
  const missing = DIST_FILES.filter((f) => !existsSync(f));
  if (missing.length) return `${missing.join(', ')} missing`;
  const oldest = Math.min(...DIST_FILES.map((f) => statSync(f).mtimeMs));
  const src = newestSource();
  if (src.mtime > oldest) return `dist/ is older than ${src.path} (changed ${new Date(src.mtime).toISOString()})`;
  return undefined;
}

const args = process.argv.slice(2);
const all = args.includes('--all');
const list = args.includes('--list');
const filters = args.filter((a) => a !== '--all' && a !== '--list');
/** Full-tier files by what they read or exercise: the shared corpus, hostile inputs, the whole pipeline. */
const FULL_TIER_PATH = /^test\/(corpus|robustness|perf)\/|model\/kustomizeEngine|lsp\/kustomize|scheduler\/placements/;
const isFullTier = (f) => FULL_TIER_PATH.test(f) || NEEDS_DIST.test(readFileSync(f, 'utf8')) || /\.\.\/shared|SHARED|sharedDir|requireShared\(|corpusSample\(|corpusFile\(/.test(readFileSync(f, 'utf8'));
const files = walk('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  // A filter names files explicitly: it selects from both tiers.
  .filter((f) => all || filters.length > 0 || !isFullTier(f))
  .sort();
if (files.length === 0) { console.error('no test files found'); process.exit(1); }
if (list) {
  console.log(files.join('\n'));
  process.exit(0);
}
const needDist = files.filter((f) => NEEDS_DIST.test(readFileSync(f, 'utf8')));
if (needDist.length > 0) {
  const problem = distProblem();
  if (problem) {
    console.error(`run-tests: ${problem}; ${needDist.length} selected test file(s) run the built bundle (e.g. ${needDist[0]}).`);
    console.error('run-tests: run `npm run build` first (`npm test` does both).');
    process.exit(1);
  }
}
const sourceMaps = /--enable-source-maps/.test(process.env.NODE_OPTIONS ?? '');
let compiled, cleanup;
try {
  ({ compiled, cleanup } = await compileTests(files, { sourceMaps }));
} catch {
  // esbuild has printed each error with its file and line.
  console.error('run-tests: the tests do not compile (errors above)');
  process.exit(1);
}
// Fast-tier files wait (debounced diagnostics, spawned tools) about half of their time: two
// per core keep the cores busy (on 2 cores, 44 s instead of 83 s for the fast tier). The full
// tier's big inputs and corpus runs are CPU-bound and have time bounds: one per core.
const concurrency = (all ? 1 : 2) * availableParallelism();
const runner = spawn(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...compiled], { stdio: 'inherit' });
// Ctrl-C reaches the runner too (same process group): wait for it to stop, then clean up.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => runner.kill('SIGTERM'));
runner.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
