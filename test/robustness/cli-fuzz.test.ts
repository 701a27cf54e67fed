// The CLI on pathological files: `drydock check` exits 0 or 1 with a report,
// never a stack trace; `drydock simulate` rejects impossible input with a clear
// message instead of hanging.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryBytes, corpusSample, hostileTexts, hugeText, invalidUtf8Bytes, mutations, REPO_ROOT } from './inputs';
import { requireDist } from '../support/shared';

const CLI = join(REPO_ROOT, 'dist/cli.js');
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|Uncaught|Unhandled|RangeError|TypeError|ReferenceError/m;

function run(args: string[], timeout = 30_000) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  return { ...r, ms: performance.now() - t0 };
}

test('drydock check on pathological files: exit 0/1 and a report, never a stack trace', () => {
  requireDist('cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'drydock-cli-fuzz-'));
  try {
    const files: Array<[string, string | Buffer]> = [
      ...hostileTexts().map((h): [string, string] => [`${h.kind}.yaml`, h.text]),
      ['huge-20MB.yaml', hugeText(20)],
      ['invalid-utf8.yaml', invalidUtf8Bytes()],
      ['binary.yaml', binaryBytes(64 * 1024, 11)],
      ['bom-crlf.yaml', '\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\n'],
      ['empty.yaml', ''],
    ];
    corpusSample(8).forEach((f, i) => {
      for (const m of mutations(f.text, 500 + i)) files.push([`corpus-${i}-${m.kind}.yaml`, m.text]);
    });
    for (const [name, content] of files) writeFileSync(join(dir, name), content);
    // Each file alone (exit code per file) ...
    for (const [name] of files.slice(0, 18)) {
      const r = run(['check', join(dir, name)]);
      assert.ok(r.status === 0 || r.status === 1, `${name}: exit ${r.status} (signal ${r.signal}) ${r.stderr.slice(0, 500)}`);
      assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, STACK, `${name}: no stack trace`);
      assert.match(r.stdout, /file\(s\) checked|skipped: not a readable UTF-8 text file/, `${name}: a report is printed`);
    }
    // ... and the whole folder in every output format.
    const outputs = new Map<string, string>();
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['check', dir, '--format', format], 60_000);
      assert.ok(r.status === 0 || r.status === 1, `folder --format ${format}: exit ${r.status} ${r.stderr.slice(0, 500)}`);
      assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, STACK);
      if (format !== 'text') assert.doesNotThrow(() => JSON.parse(r.stdout), `--format ${format} prints valid JSON`);
      outputs.set(format, r.stdout);
    }
    const json = JSON.parse(outputs.get('json')!);
    assert.ok(json.unreadable.some((p: string) => p.endsWith('binary.yaml')), 'the binary file is reported as unreadable, not parsed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const DEPLOYMENT = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: {cpu: 100m, memory: 64Mi}
`;

test('drydock simulate rejects impossible input quickly with a clear message', (t) => {
  requireDist('cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'drydock-sim-limits-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'negative.yaml'), DEPLOYMENT('-3'));
    writeFileSync(join(dir, 'billion.yaml'), DEPLOYMENT('1000000000'));
    writeFileSync(join(dir, 'ok.yaml'), DEPLOYMENT('2'));
    const cases: Array<{ args: string[]; expect: RegExp }> = [
      { args: [join(dir, 'negative.yaml')], expect: /replicas.*(-3|negative|greater than or equal to 0)/i },
      { args: [join(dir, 'billion.yaml')], expect: /1000000000.*(limit|more than|too many)|(limit|too many).*1000000000/i },
      { args: [join(dir, 'ok.yaml'), '--nodes', '100000'], expect: /100000.*(more than|at most|limit|too many)/i },
      { args: [join(dir, 'ok.yaml'), '--nodes', '-1'], expect: /--nodes/ },
    ];
    for (const c of cases) {
      const r = run(['simulate', ...c.args], 20_000);
      assert.notEqual(r.signal, 'SIGTERM', `simulate ${c.args.slice(1).join(' ')} hung`);
      assert.ok(r.status !== null && r.status <= 2, `exit ${r.status}`);
      assert.match(`${r.stdout}\n${r.stderr}`, c.expect, `simulate ${c.args.join(' ')}: clear message`);
      assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, STACK);
      t.diagnostic(`simulate ${c.args.map((a) => a.replace(dir + '/', '')).join(' ')}: exit ${r.status} in ${r.ms.toFixed(0)} ms`);
    }
    // The valid case still simulates (the limits are not a blanket refusal).
    const ok = run(['simulate', join(dir, 'ok.yaml')]);
    assert.match(ok.stdout, /2 running/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('drydock simulate … | head: the reader going away ends the CLI quietly (no EPIPE crash)', async () => {
  requireDist('cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'drydock-epipe-'));
  try {
    // ~300 KB of JSON: far more than a pipe buffer, so writes continue after the reader has gone.
    writeFileSync(join(dir, 'many.yaml'), Array.from({ length: 100 }, (_, i) => DEPLOYMENT('2').replace(/web/g, `web-${i}`)).join('---\n'));
    const child = spawn(process.execPath, [CLI, 'simulate', join(dir, 'many.yaml'), '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Like `head -c 100`: read the first chunk, then close our end of the pipe.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (b: Buffer) => resolve(b.toString())));
    child.stdout.destroy();
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])));
    assert.match(first, /^\{/, 'the JSON output had started');
    assert.equal(signal, null);
    assert.equal(code, 0, `exit code ${code}; stderr: ${stderr}`);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|^\s+at /m, stderr);
    assert.equal(stderr, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
