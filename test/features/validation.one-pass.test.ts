// Every error of a document in one pass, each with its quick fix, over LSP; and
// `drydock check` and `drydock simulate` agree on the same documents.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { InProcessClient } from '../support/inProcess';
import { applyOffsetEdits } from '../../server/src/model/edit';
import { LineIndex } from '../../server/src/model/text';

const POD = `apiVersion: v1
kind: pod
metadata:
  name: web
spec:
  containers:
  - name: web
    env:
    - name: MODE
      valueFrom:
        configMapkeyRef: {name: settings, key: mode}
    ports:
    - containerport: 8080
    volumeMounts:
    - name: data
      mountPath: /data
`;

const SERVICE = `kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    protocol: tcp
`;

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return applyOffsetEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })));
}

async function fixesFor(client: InProcessClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
}

test('LSP: kind: pod, a misspelt configMapkeyRef, a containerport, a mount naming no volume and a container without image: five errors at once, each with its fix', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-onepass/pod.yaml';
    client.open(uri, POD);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-kind'));
    const errors = diags.filter((d) => d.severity === 1);
    const find = (re: RegExp) => {
      const d = errors.find((x) => re.test(String(x.message)));
      assert.ok(d, `no error matching ${re} in ${JSON.stringify(errors.map((x) => x.message))}`);
      return d!;
    };
    const expected: Array<[RegExp, RegExp, string, string]> = [
      [/^no matches for kind "pod" in version "v1"\. The kind is "Pod"/, /Change to v1 Pod/, 'kind: pod', 'kind: Pod'],
      [/^strict decoding error: unknown field "spec\.containers\[0\]\.env\[0\]\.valueFrom\.configMapkeyRef"/, /Rename "configMapkeyRef" to "configMapKeyRef"/, 'configMapkeyRef:', 'configMapKeyRef:'],
      [/^strict decoding error: unknown field "spec\.containers\[0\]\.ports\[0\]\.containerport"/, /Rename "containerport" to "containerPort"/, 'containerport:', 'containerPort:'],
      [/^The Pod "web" is invalid: spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "data"$/, /Add an emptyDir volume "data"/, 'mountPath: /data\n', 'volumes:\n'],
      [/^The Pod "web" is invalid: spec\.containers\[0\]\.image: Required value$/, /Add required field "image"/, '  - name: web\n', 'image: IMAGE'],
    ];
    assert.equal(errors.length, expected.length, JSON.stringify(errors.map((d) => d.message), null, 1));
    for (const [message, title, before, after] of expected) {
      const d = find(message);
      const fixes = await fixesFor(client, uri, d);
      const fix = fixes.find((a) => title.test(a.title));
      assert.ok(fix, `no fix ${title} for "${d.message}": ${JSON.stringify(fixes.map((a) => a.title))}`);
      const fixed = applyEdits(POD, fix!.edit!.changes![uri]);
      assert.ok(POD.includes(before));
      assert.ok(fixed.includes(after), `${fix!.title}:\n${fixed}`);
    }
  } finally {
    await client.shutdown();
  }
});

test('LSP: kind: Service without apiVersion is an error with the fix "apiVersion: v1", and its other errors show too', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-onepass/svc.yaml';
    client.open(uri, SERVICE);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-apiversion'));
    const missing = diags.find((d) => d.code === 'missing-apiversion')!;
    assert.match(String(missing.message), /^Object 'apiVersion' is missing in '\{"kind":"Service","metadata":\{"name":"web"\}/);
    assert.deepEqual(missing.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 13 } });
    const fixes = await fixesFor(client, uri, missing);
    assert.equal(fixes[0].title, 'Add "apiVersion: v1"');
    assert.equal(applyEdits(SERVICE, fixes[0].edit!.changes![uri]), `apiVersion: v1\n${SERVICE}`);
    // Validated as a v1 Service all the same: the protocol is wrong.
    const protocol = diags.find((d) => /spec\.ports\[0\]\.protocol: Unsupported value: "tcp"/.test(String(d.message)));
    assert.ok(protocol, JSON.stringify(diags.map((d) => d.message)));
    const protocolFixes = await fixesFor(client, uri, protocol!);
    assert.equal(protocolFixes[0].title, 'Change to "TCP"');
  } finally {
    await client.shutdown();
  }
});

test('drydock check and drydock simulate agree on these documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-onepass-'));
  writeFileSync(join(dir, 'pod.yaml'), POD);
  writeFileSync(join(dir, 'svc.yaml'), SERVICE);
  writeFileSync(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n');
  const cli = resolve(__dirname, '../../dist/cli.js');
  const check = spawnSync(process.execPath, [cli, 'check', dir], { encoding: 'utf8' });
  assert.equal(check.status, 1, check.stdout + check.stderr);
  assert.match(check.stdout, /no matches for kind "pod" in version "v1"/);
  assert.match(check.stdout, /Object 'apiVersion' is missing in/);
  const sim = spawnSync(process.execPath, [cli, 'simulate', dir, '--json'], { encoding: 'utf8' });
  assert.equal(sim.status, 0, sim.stderr);
  const result = JSON.parse(sim.stdout);
  const rejected = result.rejected.map((r: { kind: string; message: string }) => [r.kind, r.message.slice(0, 42)]);
  assert.deepEqual(rejected.sort(), [
    ['Service', `Object 'apiVersion' is missing in '{"kind"`],
    ['pod', 'no matches for kind "pod" in version "v1"'],
  ]);
  assert.ok(!result.pods.some((p: { name: string }) => p.name === 'web'), 'the Pod was not created');
});
