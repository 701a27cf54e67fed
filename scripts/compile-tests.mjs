// Compiles the selected test files, with what they import from server/src,
// client/src and test/support, in ONE esbuild build, so that node's test runner
// runs plain JavaScript: transpiling each file in each test process (tsx) cost
// more CPU than the tests themselves.
//
// Each test file becomes one CommonJS bundle in .test-build/run-<pid>/ (same
// path as the source, `.test.ts` -> `.test.js`); npm packages stay external
// (required from node_modules as at run time) and so do JSON files (node parses
// them faster than the same data as a JavaScript literal). `__dirname`,
// `__filename` and `import.meta.url` in a source module keep naming that
// module's source file, as they do under tsx, so fixtures resolved relative to
// a test (or to server/src) are found.
//
// Source maps are off by default (they cost time in every test process); with
// `--source-maps` (run-tests.mjs passes it through) they are written inline and
// NODE_OPTIONS=--enable-source-maps makes stacks name the .ts sources.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BUILD_ROOT = '.test-build';

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
 * `import.meta.url` are declared (or replaced) with the module's source path.
 * esbuild renames a module's top-level declarations when they collide in a
 * bundle, so every module keeps its own values.
 */
const SOURCE_LOCATION = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let text = readFileSync(args.path, 'utf8');
      const lines = [];
      if (/\b__dirname\b/.test(text)) lines.push(`const __dirname = ${JSON.stringify(dirname(args.path))};`);
      if (/\b__filename\b/.test(text)) lines.push(`const __filename = ${JSON.stringify(args.path)};`);
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

/** JSON stays a file node reads with require() (JSON.parse), not a literal in every bundle. */
const EXTERNAL_JSON = {
  name: 'external-json',
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) => {
      if (!args.path.startsWith('.')) return undefined;
      return { path: resolve(args.resolveDir, args.path), external: true };
    });
  },
};

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
      packages: 'external',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: sourceMaps ? 'inline' : false,
      logLevel: 'error',
      plugins: [SOURCE_LOCATION, EXTERNAL_JSON],
    });
  } catch (e) {
    cleanup();
    throw e;
  }
  const compiled = files.map((f) => join(outdir, relative('.', f).replace(/\.ts$/, '.js')));
  const missing = compiled.filter((f) => !existsSync(f));
  if (missing.length) {
    cleanup();
    throw new Error(`compile-tests: esbuild wrote no ${missing[0]}`);
  }
  return { outdir, compiled, cleanup };
}
