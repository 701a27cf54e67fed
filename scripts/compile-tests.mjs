// Compiles the selected test files, with what they import from server/src,
// client/src and test/support, in ONE esbuild build, so that node's test runner
// runs plain JavaScript: transpiling each file in each test process (tsx) cost
// more CPU than the tests themselves.
//
// Each test file becomes an ES module in .test-build/run-<pid>/ (same path as
// the source, `.test.ts` -> `.test.mjs`); code that several test files import is
// written once, in chunks/ (esbuild code splitting: 2 MB instead of 45 MB of
// per-file bundles, a quarter of the compile time). npm packages and JSON files
// are not bundled but required at run time (see NODE_REQUIRE). `__dirname`,
// `__filename` and `import.meta.url` in a source module keep naming that
// module's source file, as they do under tsx, so fixtures resolved relative to
// a test (or to server/src) are found.
//
// Source maps cost time in every test process, so they are written only when
// asked for: run-tests.mjs asks when NODE_OPTIONS has --enable-source-maps, and
// node then maps stacks to the .ts sources.
import { build, stop } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { YAML_ESM_PATH } from './yamlEsm.mjs';

const BUILD_ROOT = '.test-build';

/** Whether a process id names a running process (a run directory of a dead run may be removed). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Removes the run directories left behind by runs that were killed before they could clean up. */
function removeAbandonedRuns(root) {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const m = /^run-(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/**
 * Source-location constants for one module: `__dirname`, `__filename` and
 * `import.meta.url` are declared (or replaced) with the module's source path,
 * unless the module declares them itself. esbuild renames a module's top-level
 * declarations when they collide in a bundle, so every module keeps its own values.
 */
const SOURCE_LOCATION = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let text = readFileSync(args.path, 'utf8');
      const lines = [];
      const uses = (name) => new RegExp(`\\b${name}\\b`).test(text) && !new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(text);
      if (uses('__dirname')) lines.push(`const __dirname = ${JSON.stringify(dirname(args.path))};`);
      if (uses('__filename')) lines.push(`const __filename = ${JSON.stringify(args.path)};`);
      if (/\bimport\.meta\.url\b/.test(text)) {
        lines.push(`const __sourceFileUrl = ${JSON.stringify(pathToFileURL(args.path).href)};`);
        text = text.replace(/\bimport\.meta\.url\b/g, '__sourceFileUrl');
      }
      if (lines.length === 0) return { contents: text, loader: 'ts' };
      // On the first line, so that line numbers (and source maps) stay those of the source.
      return { contents: `${lines.join(' ')} ${text}`, loader: 'ts' };
    });
  },
};

/**
 * npm packages (but `yaml`, compiled in as the bundles ship it) and JSON files
 * are not bundled: each is a module whose exports
 * are what node's require() returns at run time (from node_modules, as in
 * production; JSON parsed by node, faster than the same data as a JavaScript
 * literal in a chunk). Node built-ins stay plain imports.
 */
const NODE_REQUIRE = {
  name: 'node-require',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'node-require') return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path)) return { path: args.path, external: true };
      // The `yaml` build the bundles ship (scripts/yamlEsm.mjs), compiled in like our own code.
      if (args.path === 'yaml') return { path: YAML_ESM_PATH };
      if (/^[./]/.test(args.path) && !args.path.endsWith('.json')) return undefined;
      const path = args.path.startsWith('.') ? resolve(args.resolveDir, args.path) : args.path;
      return { path, namespace: 'node-require' };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-require' }, (args) => ({
      contents: `module.exports = __nodeRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** Every output file (entry or chunk) gets a require() that resolves from its own location. */
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const __nodeRequire = __createRequire(import.meta.url);";

/**
 * Compiles `files` (paths relative to the repository root) and returns the run
 * directory, the compiled file of each source (in the same order), and a
 * function that removes the run directory.
 */
export async function compileTests(files, { sourceMaps = false } = {}) {
  removeAbandonedRuns(BUILD_ROOT);
  const outdir = join(BUILD_ROOT, `run-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: files,
      outbase: '.',
      outdir,
      bundle: true,
      // Code shared by several test files is written once, in chunks/.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      banner: { js: BANNER },
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: sourceMaps ? 'inline' : false,
      logLevel: 'error',
      plugins: [SOURCE_LOCATION, NODE_REQUIRE],
    });
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    // The esbuild service process would otherwise idle through the whole test run.
    await stop();
  }
  const compiled = files.map((f) => join(outdir, relative('.', f).replace(/\.ts$/, '.mjs')));
  const missing = compiled.filter((f) => !existsSync(f));
  if (missing.length) {
    cleanup();
    throw new Error(`compile-tests: esbuild wrote no ${missing[0]}`);
  }
  return { outdir, compiled, cleanup };
}
