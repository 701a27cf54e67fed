// A second, independent LSP client: Neovim's built-in one (Debian's neovim),
// driven headless by ../shared/harness/nvim-lsp-smoke.lua. Checks a hover on a
// clean example and the diagnostics count on it and on a broken file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot, prepareWorkspace, positionIn, HOVER_EXPECTED } from './workspace.mjs';

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's neovim when missing and possible. */
function ensureNeovim(log) {
  if (have('nvim')) return undefined;
  if (!have('apt-get') || process.getuid?.() !== 0) return 'nvim not found and apt-get is not usable here (apt-get install neovim)';
  log('installing neovim with apt-get…');
  const r = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null'], { stdio: 'inherit' });
  return r.status === 0 && have('nvim') ? undefined : 'apt-get install neovim failed';
}

function smoke(ws, file, pos) {
  const script = resolve(repoRoot, '../shared/harness/nvim-lsp-smoke.lua');
  const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${script}`], {
    cwd: ws,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, LSP_CMD: `${process.execPath} ${join(repoRoot, 'dist/server.js')} --stdio`, LSP_FILE: file, LSP_LINE: String(pos.line), LSP_COL: String(pos.character + 1) },
  });
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const hover = /HOVER: ([\s\S]*?)(?=\n?DIAGNOSTICS:|$)/.exec(out)?.[1]?.trim() ?? '';
  const diagnostics = Number(/DIAGNOSTICS: (\d+)/.exec(out)?.[1] ?? NaN);
  return { out, hover, diagnostics };
}

export async function runNeovim({ log, check }) {
  const script = resolve(repoRoot, '../shared/harness/nvim-lsp-smoke.lua');
  if (!existsSync(script)) return { skipped: `${script} not found` };
  const why = ensureNeovim(log);
  if (why) return { skipped: why };
  const ws = prepareWorkspace();
  const clean = 'web/deployment.yaml';
  const good = smoke(ws, clean, positionIn(join(ws, clean), 'replicas:'));
  check('neovim: hover on `replicas` shows the schema description', HOVER_EXPECTED.test(good.hover), good.hover ? good.hover.slice(0, 120) : good.out.trim().slice(-300));
  check('neovim: no diagnostics on a clean example', good.diagnostics === 0, `DIAGNOSTICS: ${good.diagnostics}`);
  const broken = smoke(ws, 'scratch/broken.yaml', positionIn(join(ws, 'scratch/broken.yaml'), 'maxunavailable'));
  check('neovim: diagnostics on the broken file', broken.diagnostics >= 2, `DIAGNOSTICS: ${broken.diagnostics}`);
  return {};
}
