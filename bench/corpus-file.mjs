// The "real messy file" workload of `npm run bench`: one file made of the first
// 1,000 documents of ../shared/corpus/clean-files.txt, in order, plus a small
// Deployment/Service file beside it. Names repeat across the concatenated
// documents, so the file publishes hundreds of diagnostics (duplicate-resource,
// missing-reference, a few real errors) - unlike the generated big file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const CORPUS_DOCUMENTS = 1000;

const SMALL_APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
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
          ports:
            - name: http
              containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
`;

/**
 * Writes `<dir>/corpus-1000.yaml` and `<dir>/web.yaml`. Documents are cut with
 * the yaml library (empty documents skipped), their own `---` lines dropped,
 * and joined with `---` lines.
 */
export function generateCorpusFile(corpusDir, dir, { documents = CORPUS_DOCUMENTS } = {}) {
  const files = readFileSync(join(corpusDir, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean);
  const docs = [];
  outer: for (const rel of files) {
    let text = readFileSync(join(corpusDir, rel), 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    for (const d of parseAllDocuments(text)) {
      if (d.contents === null || d.contents === undefined) continue;
      const body = text.slice(d.range[0], d.range[2]).replace(/^---[^\n]*\n/, '');
      docs.push(body.endsWith('\n') ? body : `${body}\n`);
      if (docs.length >= documents) break outer;
    }
  }
  const text = docs.join('---\n');
  const path = join(dir, 'corpus-1000.yaml');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const small = join(dir, 'web.yaml');
  writeFileSync(small, SMALL_APP);
  return { path, small, documents: docs.length, lines: text.split('\n').length - 1, text };
}

/** Line/character of a text offset. */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

/** Every match of `re` (global) as a position `delta` characters into the match, spread evenly through the file. */
function spread(text, re, delta, max) {
  const all = [...text.matchAll(re)].map((m) => positionAt(text, m.index + (typeof delta === 'function' ? delta(m) : delta)));
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)]);
}

/**
 * Request positions spread over the whole file: hovers on keys and values,
 * completion at the start of values, definition on names that reference other
 * objects, references on object names; and the keystroke position (inside a
 * container image near the middle of the file, which changes no cross-reference).
 */
export function corpusPositions(text) {
  const hover = [...spread(text, /^ *(replicas|image|kind|containerPort|serviceAccountName): /gm, (m) => m[0].length - 3, 40)];
  const completion = spread(text, /^ +(imagePullPolicy|restartPolicy|protocol|type): /gm, (m) => m[0].length, 30);
  const definition = spread(text, /^ *(serviceAccountName|claimName|secretName|configMapName): \S/gm, (m) => m[0].length - 1, 30);
  const references = spread(text, /^kind: (ConfigMap|Service|ServiceAccount|Secret)\nmetadata:\n  name: \S/gm, (m) => m[0].length - 1, 30);
  const images = [...text.matchAll(/^ +(?:- )?image: ["']?[a-z][^\s"':]*/gm)];
  const middle = images.find((m) => m.index > text.length / 2) ?? images[0];
  const keystroke = positionAt(text, middle.index + middle[0].length - 1);
  return { hover, completion, definition, references, keystroke };
}
