// Runs bench/publish-profile.ts bundled with esbuild (as the server is bundled) on
// the corpus file: `node bench/publish-profile.mjs [--keys N]`; add node's
// --cpu-prof to get a profile of the cold start and the keystrokes.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { corpusPositions, generateCorpusFile } from './corpus-file.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'drydock-profile-'));
try {
  const out = await build({ entryPoints: [join(here, 'publish-profile.ts')], bundle: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'silent', sourcemap: 'inline' });
  const file = join(dir, 'profile.bundle.cjs');
  writeFileSync(file, out.outputFiles[0].text);
  const mod = createRequire(import.meta.url)(file);
  const workload = generateCorpusFile(resolve(here, '../../shared/corpus'), join(dir, 'ws'));
  const i = process.argv.indexOf('--keys');
  mod.runPublishProfile({ path: workload.path, keystroke: corpusPositions(workload.text).keystroke, keys: i > 0 ? Number(process.argv[i + 1]) : 100, log: (l) => console.log(l) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
