// Bundles the runnable artefacts with esbuild: the VS Code client, the
// language server (stdio) with its simulation worker, and the `drydock` CLI.
// The bundled Kubernetes schema (server/src/schema/generated/*.json) is
// inlined, so dist/ has no runtime deps.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { YAML_ESM_PATH } from './yamlEsm.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  legalComments: 'none',
  logLevel: 'warning',
  // Non-ASCII characters escaped (\uXXXX): V8 keeps a script's source in memory, as one byte per
  // character only when every character is Latin-1. One "…" in a bundle doubles its source's memory
  // (3 MB more for the server, and again for the simulation worker). Checked below.
  charset: 'ascii',
};

// The `yaml` library's ES module build instead of its Node build (why: scripts/yamlEsm.mjs).
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: YAML_ESM_PATH }));
  },
};
common.plugins = [yamlEsm];

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The simulation worker thread the server starts from its own directory (server/src/simulationService.ts).
  build({ ...common, entryPoints: ['server/src/simWorker.ts'], outfile: 'dist/simWorker.js' }),
]);
chmodSync('dist/cli.js', 0o755);
// The memory saving above holds only if every character is ASCII; fail rather than silently lose it.
for (const file of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/simWorker.js']) {
  const text = readFileSync(file, 'utf8');
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) {
    const line = text.slice(0, at).split('\n').length;
    console.error(`${file}:${line}: non-ASCII character ${JSON.stringify(text[at])} in the bundle (V8 would keep the whole source as two bytes per character)`);
    process.exit(1);
  }
}
// The yaml library's Node build would be back if its per-token environment reads are (see yamlEsm above).
for (const file of ['dist/server.js', 'dist/cli.js', 'dist/simWorker.js']) {
  if (readFileSync(file, 'utf8').includes('LOG_TOKENS')) {
    console.error(`${file}: bundles the yaml library's Node build (process.env read per token); expected its ES module build`);
    process.exit(1);
  }
}
if (watch) console.log('watch mode is not supported; rerun npm run build');
