// Pathological inputs for the robustness tests: a deterministic sample of real
// manifests (../shared/corpus and examples/) and seeded mutations of them, plus
// hand-made hostile files (alias bombs, deep nesting, huge and binary files).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { prng } from '../support/prng';
import { CORPUS_DIR, REPO_ROOT, requireShared } from '../support/shared';

export { REPO_ROOT };
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export interface SampleFile {
  name: string;
  text: string;
}

/** Every `step`-th corpus file listed in INDEX.tsv (smaller than `maxBytes`); fails the test when ../shared is missing. */
export function corpusSample(count: number, maxBytes = 20_000): SampleFile[] {
  const index = requireShared('corpus/INDEX.tsv');
  const rows = readFileSync(index, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
  const small = rows.filter((r) => Number(r[1]) <= maxBytes);
  const step = Math.max(1, Math.floor(small.length / count));
  const out: SampleFile[] = [];
  for (let i = 0; i < small.length && out.length < count; i += step) {
    out.push({ name: small[i][0], text: readFileSync(join(CORPUS_DIR, small[i][0]), 'utf8') });
  }
  return out;
}

/** The YAML files of examples/. */
export function exampleFiles(): SampleFile[] {
  const out: SampleFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name) && statSync(p).size < 200_000) out.push({ name: p.slice(REPO_ROOT.length + 1), text: readFileSync(p, 'utf8') });
    }
  };
  walk(EXAMPLES_DIR);
  return out;
}

/** Seeded mutations of one file: byte flips, indentation shifts, duplicated keys, tabs, BOM, CRLF. */
export function mutations(text: string, seed: number): Array<{ kind: string; text: string }> {
  const rnd = prng(seed);
  const lines = text.split('\n');
  const pick = () => Math.floor(rnd() * lines.length);
  const flip = () => {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < 1 + Math.floor(bytes.length / 200); i++) bytes[Math.floor(rnd() * bytes.length)] ^= 1 << Math.floor(rnd() * 8);
    return bytes.toString('utf8'); // invalid sequences become U+FFFD, as an editor would show them
  };
  const shift = () => {
    const l = lines.slice();
    for (let i = 0; i < 3; i++) {
      const j = pick();
      l[j] = rnd() < 0.5 ? ' '.repeat(1 + Math.floor(rnd() * 3)) + l[j] : l[j].replace(/^ {1,3}/, '');
    }
    return l.join('\n');
  };
  const duplicate = () => {
    const keyed = lines.map((l, i) => (/^\s*[\w.-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (keyed.length === 0) return text + '\nkind: x\nkind: y\n';
    const l = lines.slice();
    const j = keyed[Math.floor(rnd() * keyed.length)];
    l.splice(j + 1, 0, l[j]);
    return l.join('\n');
  };
  return [
    { kind: 'byte-flips', text: flip() },
    { kind: 'indentation', text: shift() },
    { kind: 'duplicate-key', text: duplicate() },
    { kind: 'tabs', text: lines.map((l, i) => (i % 3 === 0 ? l.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)) : l)).join('\n') },
    { kind: 'bom', text: '\uFEFF' + text },
    { kind: 'crlf', text: text.replace(/\n/g, '\r\n') },
  ];
}

/** Every prefix of `text` that ends at a line boundary (and one mid-line cut per line). */
export function truncations(text: string): string[] {
  const out: string[] = [];
  let i = text.indexOf('\n');
  while (i >= 0) {
    out.push(text.slice(0, i + 1));
    const next = text.indexOf('\n', i + 1);
    if (next > i + 2) out.push(text.slice(0, i + 1 + Math.floor((next - i) / 2)));
    i = next;
  }
  return out;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

export const PROBE_TEXT = DEPLOYMENT;

/** Billion laughs inside a ConfigMap: 9 levels of 9 aliases (~387M nodes if expanded). */
export function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a0: &a0 "lol"'];
  for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('  bomb: *a9', '');
  return lines.join('\n');
}

/** Hostile text inputs (strings, as an editor would send them over LSP). */
export function hostileTexts(): Array<{ kind: string; text: string }> {
  const depth = 10_000;
  return [
    { kind: 'alias-bomb', text: aliasBomb() },
    { kind: 'alias-bomb-top-level', text: aliasBomb().replace('data:\n', 'spec: *a9\ndata:\n') },
    { kind: 'deep-flow-sequence', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(depth)}${']'.repeat(depth)}\n` },
    { kind: 'deep-flow-mapping', text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n` },
    { kind: 'deep-block-sequence', text: `apiVersion: v1\nkind: List\nitems:\n  ${'- '.repeat(depth)}x\n` },
    { kind: 'deep-spec-nesting', text: DEPLOYMENT.replace('replicas: 2', `replicas: 2\n  containers: ${'[{a: '.repeat(2000)}1${'}]'.repeat(2000)}`) },
    { kind: 'lone-surrogates', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "\uD800x\uDFFF"\ndata:\n  k: \uDBFF\n` },
    { kind: 'control-characters', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\u0000b\ndata:\n  \u0007: \u001b[31m\n` },
    { kind: 'only-markers', text: '---\n---\n...\n---\n' + '--- \n'.repeat(2000) },
    { kind: 'long-line', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  k: ${'x'.repeat(2_000_000)}\n` },
    { kind: 'many-keys', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys\ndata:\n${Array.from({ length: 8_000 }, (_, i) => `  k${i % 1000}: v`).join('\n')}\n` },
    { kind: 'binary-as-text', text: binaryBytes(4096, 7).toString('latin1') },
  ];
}

/** Pseudo-random bytes including NULs (a "binary file named .yaml"). */
export function binaryBytes(n: number, seed: number): Buffer {
  const rnd = prng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  b[0] = 0;
  return b;
}

/** Invalid UTF-8 (overlong, lone continuation and truncated sequences) inside otherwise valid YAML. */
export function invalidUtf8Bytes(): Buffer {
  return Buffer.concat([
    Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-utf8\ndata:\n  k: "'),
    Buffer.from([0xc0, 0xaf, 0x80, 0xff, 0xfe, 0xe2, 0x82]),
    Buffer.from('"\n'),
  ]);
}

/**
 * A ~`mb` MB manifest: a ConfigMap embedding a huge dashboard JSON in a block
 * scalar (how real multi-megabyte manifests look, e.g. Grafana dashboards).
 */
export function hugeText(mb: number): string {
  const line = '    ' + JSON.stringify({ panel: 'p'.repeat(40), targets: [1, 2, 3], gridPos: { h: 8, w: 12 } }) + '\n';
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  dashboard.json: |\n';
  return head + line.repeat(Math.ceil((mb * 1024 * 1024) / line.length)) + '  other: value\n';
}

/**
 * A ~`mb` MB file of many small documents (~280 bytes each, ~74,000 in 20 MB),
 * like a `kubectl get -o yaml` dump split into documents: its parse cannot be one
 * short call, so the server must parse it in time slices.
 */
export function manyDocumentsText(mb: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < mb * 1024 * 1024; i++) {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: team-${i % 7}\n  labels:\n    app.kubernetes.io/name: app-${i % 100}\n    app.kubernetes.io/part-of: dump\ndata:\n  key: value-${i}\n  description: "${'d'.repeat(60)}"\n---\n`;
    parts.push(doc);
    length += doc.length;
  }
  return parts.join('');
}
