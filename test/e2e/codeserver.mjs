// End-to-end in a real VS Code: code-server (VS Code's workbench served
// locally) driven by headless Chromium through playwright-core. The packaged
// .vsix is installed the way a user installs it; then the suite opens the
// examples, hovers a key, triggers completion (schema keys, and a Secret name from
// the workspace model), reads the Problems panel and
// runs "Drydock: Simulate Apply", asserting on what the person would see.
// Screenshots go to test/e2e/screenshots/ (the README shows them).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot, prepareWorkspace, positionIn, EXPECTED_NODES, HOVER_EXPECTED, COMPLETION_EXPECTED } from './workspace.mjs';

const SHOTS = join(repoRoot, 'test/e2e/screenshots');
/** A name reference of examples/web/deployment.yaml whose value is deleted and completed again. */
const NAME_COMPLETION = { ...positionIn(join(repoRoot, 'examples/web/deployment.yaml'), 'name: web-secrets'), value: 'web-secrets', expected: ['web-secrets', 'db-credentials'] };
/** The simulation part of the `replicas` hover: the pods and the nodes they land on. */
const SIMULATED_PLACEMENT = /Simulated placement[\s\S]*node-\d/;
const CHROMIUM = '/usr/bin/chromium';
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Installs code-server (+ chromium) with the shared harness script; returns its dir or a reason to skip. */
export function ensureCodeServer(log) {
  const harness = resolve(repoRoot, '../shared/harness');
  if (!existsSync(join(harness, 'install-code-server.sh'))) return { skip: `${harness} not found: cannot install code-server here` };
  const dir = process.env.HARNESS_DIR ?? join(homedir(), '.cache/vscode-harness');
  if (!existsSync(join(dir, 'cs/.ready'))) log(`installing code-server into ${dir} (once; ~2 minutes)…`);
  const r = spawnSync('bash', [join(harness, 'install-code-server.sh'), dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return { skip: `code-server install failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  if (!existsSync(CHROMIUM)) return { skip: `${CHROMIUM} not found (apt-get install chromium)` };
  return { dir, harness };
}

export async function runCodeServer({ vsix, log, check }) {
  const env = ensureCodeServer(log);
  if (env.skip) return { skipped: env.skip };
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    return { skipped: 'playwright-core is not installed (npm ci)' };
  }
  const { dir, harness } = env;
  const ws = prepareWorkspace();
  const extDir = join(ws, '..', 'extensions');
  mkdirSync(extDir, { recursive: true });
  // Install the .vsix exactly as a user does: code-server --install-extension.
  execFileSync(join(dir, 'node/bin/node'), [join(dir, 'cs/node_modules/code-server/out/node/entry.js'), '--extensions-dir', extDir, '--install-extension', vsix], { stdio: 'pipe' });
  log(`installed ${vsix.slice(repoRoot.length + 1)} into a fresh extensions dir`);

  const port = await freePort();
  const start = spawnSync('bash', [join(harness, 'start-code-server.sh'), dir, extDir, ws, String(port)], { encoding: 'utf8' });
  const url = start.stdout.trim().split('\n').pop();
  const profile = /profile: (\S+)/.exec(start.stderr ?? '')?.[1];
  if (start.status !== 0 || !url?.startsWith('http')) return { failed: `code-server did not start: ${start.stderr}` };
  log(`code-server at ${url}`);

  mkdirSync(SHOTS, { recursive: true });
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await scenarios(page, url, ws, log, check);
  } catch (err) {
    await page.screenshot({ path: join(ws, '..', 'failure.png') }).catch(() => undefined);
    check('code-server scenarios ran to the end', false, `${err.message} (screenshot: ${join(ws, '..', 'failure.png')})`);
  } finally {
    await browser.close();
    if (profile && existsSync(join(profile, 'pid'))) {
      const pid = Number(readFileSync(join(profile, 'pid'), 'utf8'));
      try {
        process.kill(pid);
      } catch {
        /* already gone */
      }
      if (process.env.E2E_KEEP !== '1') rmSync(profile, { recursive: true, force: true });
    }
  }
  return {};
}

async function poll(fn, timeoutMs, intervalMs = 250) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn().catch(() => undefined);
    if (last) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return last;
}

async function activeTab(page) {
  // Tab labels render the name in parts ("deployment" + ".yaml"): compare without whitespace.
  return (await page.locator('.editor-group-container.active .tab.active').allInnerTexts().catch(() => [])).join(' ').replace(/\s+/g, '');
}

/** Opens a workspace file with Quick Open (Ctrl+P), falling back to the Explorer; throws when it did not open. */
async function openFile(page, relPath) {
  const base = relPath.split('/').pop();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Escape');
    if (attempt < 2) {
      await page.keyboard.press(`${mod}+KeyP`);
      await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
      await page.locator('.quick-input-widget input').fill(relPath);
      // Wait until the file search lists it, then open it.
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
      await row.waitFor({ timeout: 15000 });
      await page.waitForTimeout(300);
      await row.click();
    } else {
      for (const folder of relPath.split('/').slice(0, -1)) {
        const f = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${folder}"]`).first();
        if ((await f.getAttribute('aria-expanded')) === 'false') await f.click();
      }
      await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${base}"]`).first().click();
    }
    if (await poll(async () => (await activeTab(page)).includes(base), 8000)) {
      await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15000 });
      return;
    }
  }
  throw new Error(`could not open ${relPath} (active tab: ${await activeTab(page)})`);
}

/** The empty secondary side bar only takes room in the screenshots. */
async function closeSecondarySideBar(page) {
  const close = page.locator('.part.auxiliarybar .action-label[aria-label*="Hide"], .part.auxiliarybar .action-label[aria-label*="Close"]').first();
  if ((await close.count()) > 0) await close.click({ timeout: 3000 }).catch(() => undefined);
}

async function goToLine(page, line /* 1-based */) {
  await page.keyboard.press(`${mod}+KeyG`);
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 5000 });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.split(': ').pop()}"]`, { timeout: 10000 });
  await page.keyboard.press('Enter');
}

/** The webview frame holding our panel (webviews are nested iframes). */
async function panelFrame(page) {
  for (const frame of page.frames()) {
    try {
      if ((await frame.locator('#root').count()) > 0) return frame;
    } catch {
      /* detached frame */
    }
  }
  return undefined;
}

async function scenarios(page, url, ws, log, check) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  await closeSecondarySideBar(page);

  // 1. Hover a key in the web Deployment: the API's description of the field.
  await openFile(page, 'web/deployment.yaml');
  const activated = await poll(async () => (await page.locator('.statusbar').innerText()).includes('Drydock'), 30000);
  check('extension activates on a YAML file (status bar item)', !!activated);
  // The status bar's summary means the whole-workspace simulation has run: hovers then carry its facts.
  await poll(async () => /Drydock: \d+ resources, \d+ pending/.test(await page.locator('.statusbar').innerText()), 30000);
  const replicasKey = page.locator('.view-lines .view-line span span', { hasText: /^\s*replicas$/ }).first();
  const hoverDone = (t) => HOVER_EXPECTED.test(t) && SIMULATED_PLACEMENT.test(t) && !/Updating|running|Indexing/.test(t);
  let hoverText = '';
  for (let attempt = 0; attempt < 8 && !hoverDone(hoverText); attempt++) {
    // The server may still be indexing on the first try: move away and hover again.
    await page.mouse.move(5, 5);
    await page.waitForTimeout(attempt === 0 ? 1500 : 800);
    await replicasKey.hover({ timeout: 10000 });
    hoverText = (await poll(async () => {
      const t = (await page.locator('.monaco-hover:visible').allInnerTexts()).join('\n');
      return hoverDone(t) ? t : undefined;
    }, 4000)) ?? (await page.locator('.monaco-hover').allInnerTexts()).join('\n');
  }
  await page.screenshot({ path: join(SHOTS, 'hover.png') });
  check('hover on `replicas` shows the schema description', HOVER_EXPECTED.test(hoverText), JSON.stringify(hoverText.slice(0, 200)));
  check('hover on `replicas` says where the pods land (simulation)', SIMULATED_PLACEMENT.test(hoverText), JSON.stringify(hoverText.slice(0, 400)));
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  // 2. Diagnostics: the broken scratch file shows up in the Problems panel.
  await openFile(page, 'scratch/broken.yaml');
  await page.keyboard.press(`${mod}+Shift+KeyM`);
  const problems = await poll(async () => {
    const t = (await page.locator('.markers-panel').allInnerTexts()).join('\n');
    return /maxunavailable/.test(t) ? t : undefined;
  }, 30000);
  const squiggles = await page.locator('.monaco-editor .squiggly-error').count();
  await page.screenshot({ path: join(SHOTS, 'problems.png') });
  check('Problems panel lists the unknown field in scratch/broken.yaml', !!problems, problems ? '' : JSON.stringify((await page.locator('.markers-panel').allInnerTexts().catch(() => [])).join(' ').slice(0, 300)));
  check('errors are underlined in the editor', squiggles > 0, `${squiggles} squiggles`);
  await page.keyboard.press(`${mod}+KeyJ`); // hide the panel area again

  // 3. Completion: an empty line under `spec:` of the Deployment offers DeploymentSpec keys.
  await page.locator('.monaco-editor .view-lines').first().click();
  await goToLine(page, 8); // "  replicas: 1"
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press(`${mod}+Space`);
  const labels = await poll(async () => {
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    return rows.some((r) => COMPLETION_EXPECTED.some((k) => r.includes(k))) ? rows : undefined;
  }, 15000);
  await page.screenshot({ path: join(SHOTS, 'completion.png') });
  check('completion offers DeploymentSpec keys', !!labels, labels ? labels.slice(0, 6).join(', ') : JSON.stringify(await page.locator('.suggest-widget').allInnerTexts().catch(() => [])));
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+KeyZ`);

  // 3b. Name completion from the model: in `secretKeyRef.name` of the web Deployment, the
  // Secrets of namespace shop (web/config.yaml before db/statefulset.yaml: nearest first).
  await openFile(page, 'web/deployment.yaml');
  await page.locator('.monaco-editor .view-lines').first().click();
  const secretRef = NAME_COMPLETION.line + 1;
  await goToLine(page, secretRef);
  await page.keyboard.press('End');
  for (let i = 0; i < NAME_COMPLETION.value.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press(`${mod}+Space`);
  const names = await poll(async () => {
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    return NAME_COMPLETION.expected.every((n) => rows.some((r) => r.includes(n))) ? rows : undefined;
  }, 15000);
  // Open the details pane (where the Secret is defined) for the screenshot.
  await page.keyboard.press(`${mod}+Space`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, 'completion-name.png') });
  check(`completion of secretKeyRef.name offers the Secrets of the namespace (${NAME_COMPLETION.expected.join(', ')})`, !!names, JSON.stringify(await page.locator('.suggest-widget').allInnerTexts().catch(() => [])));
  check('no object of another kind is offered for a Secret name (ConfigMap web-config)', !!names && !names.some((r) => /\bweb-config\b/.test(r)), (names ?? []).join(' | '));
  await page.keyboard.press('Escape');
  await page.keyboard.type(NAME_COMPLETION.value);

  // 4. Simulate Apply from the web Deployment: the panel shows the example cluster.
  await openFile(page, 'web/deployment.yaml');
  await runCommand(page, 'Drydock: Simulate Apply');
  const frameText = await poll(async () => {
    const f = await panelFrame(page);
    if (!f) return undefined;
    const t = await f.locator('#root').innerText({ timeout: 1000 });
    return EXPECTED_NODES.every((n) => t.includes(n)) && /\bweb-/.test(t) ? t : undefined;
  }, 45000);
  await page.waitForTimeout(500);
  const text = frameText ?? (await (await panelFrame(page))?.locator('#root').innerText().catch(() => '')) ?? '';
  check('Simulate Apply panel opens', !!(await panelFrame(page)));
  check(`panel shows nodes ${EXPECTED_NODES.join(', ')}`, EXPECTED_NODES.every((n) => text.includes(n)), text.slice(0, 300).replace(/\s+/g, ' '));
  check('panel shows the web Deployment\'s pods (current file on top of the cluster)', /shop\/web-/.test(text), (text.match(/shop\/[a-z0-9-]+/g) ?? []).slice(0, 8).join(' '));

  // 5. Whole workspace: the db StatefulSet's pods appear on the tainted node-3.
  let frame = await panelFrame(page);
  if (frame) await frame.locator('input[name="scope"][value="workspace"]').check({ timeout: 5000 }).catch(() => undefined);
  const wsText = await poll(async () => {
    frame = await panelFrame(page);
    const t = await frame?.locator('#root').innerText({ timeout: 1000 });
    return t && /shop\/db-0/.test(t) ? t : undefined;
  }, 20000);
  await page.screenshot({ path: join(SHOTS, 'panel.png') });
  const node3 = wsText ? await frame.locator('li.card[aria-label="Node node-3"]').innerText().catch(() => '') : '';
  check('whole-workspace scope shows db-0 and db-1 on node-3', /shop\/db-0/.test(node3) && /shop\/db-1/.test(node3), node3.replace(/\s+/g, ' ').slice(0, 200));

  // 6. Clicking a pod reveals the YAML that produced it.
  const dbLink = frame?.locator('button.link', { hasText: /^shop\/db-0$/ }).first();
  if (frame && dbLink && (await dbLink.count()) > 0) {
    await dbLink.click();
    const opened = await poll(async () => (await activeTab(page)).includes('statefulset.yaml'), 10000);
    check('clicking pod db-0 reveals db/statefulset.yaml', !!opened);
  } else check('clicking pod db-0 reveals db/statefulset.yaml', false, 'no link for shop/db-0 in the panel');

  // 7. What-if: draining node-1 moves its web pods away in the simulation; the files do not change.
  frame = await panelFrame(page);
  if (frame) {
    const before = readFileSync(join(ws, 'web/deployment.yaml'), 'utf8');
    await frame.locator('button[data-op="drain"][data-node="node-1"]').click({ timeout: 5000 }).catch(() => undefined);
    const drained = await poll(async () => {
      const t = await frame.locator('#root').innerText({ timeout: 1000 });
      const card = await frame.locator('li.card[aria-label="Node node-1"]').innerText({ timeout: 1000 });
      return /drain node-1/.test(t) && !/shop\/web-/.test(card) ? card : undefined;
    }, 15000);
    await page.screenshot({ path: join(ws, '..', 'whatif.png') });
    const note = (await frame.locator('#root').innerText().catch(() => '')).match(/This language server does not apply what-if[^.]*/)?.[0];
    check('what-if "drain node-1" empties node-1 in the simulation, files unchanged', !!drained && readFileSync(join(ws, 'web/deployment.yaml'), 'utf8') === before, note ?? '');
    await frame.locator('button[data-action="reset"]').click({ timeout: 5000 }).catch(() => undefined);
  }
  const status = await page.locator('.statusbar').innerText();
  check('status bar summarises the simulation', /Drydock: \d+ resources, \d+ pending/.test(status), (status.match(/Drydock[^\n]*/) ?? [''])[0]);
  log(`workspace: ${ws}`);
}
