// Bundles the runnable artefacts with esbuild: the VS Code client, the
// language server (stdio) with its simulation worker, and the `drydock` CLI.
// The bundled Kubernetes schema (server/src/schema/generated/*.json) is
// inlined, so dist/ has no runtime deps.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The simulation worker thread the server starts from its own directory (server/src/simulationService.ts).
  build({ ...common, entryPoints: ['server/src/simWorker.ts'], outfile: 'dist/simWorker.js' }),
]);
chmodSync('dist/cli.js', 0o755);
if (watch) console.log('watch mode is not supported; rerun npm run build');
