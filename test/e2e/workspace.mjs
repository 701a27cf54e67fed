// A throw-away copy of examples/ for the editor suites, plus one deliberately
// broken file (so there is something for the Problems panel to show). The
// real examples/ stay untouched and error-free.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const BROKEN_YAML = `# Deliberately broken for the end-to-end tests: a misspelt field and an invalid enum value.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: broken
  strategy:
    type: Rolling
    rollingUpdate:
      maxunavailable: 1
  template:
    metadata:
      labels:
        app: broken
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;

/** Creates <tmp>/drydock-e2e-XXXX/examples with scratch/broken.yaml; returns its path. */
export function prepareWorkspace() {
  const dir = join(mkdtempSync(join(tmpdir(), 'drydock-e2e-')), 'examples');
  cpSync(join(repoRoot, 'examples'), dir, { recursive: true });
  mkdirSync(join(dir, 'scratch'), { recursive: true });
  writeFileSync(join(dir, 'scratch', 'broken.yaml'), BROKEN_YAML);
  return dir;
}

/** 0-based line and column of the first `needle` in a workspace file. */
export function positionIn(file, needle) {
  const text = readFileSync(file, 'utf8');
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, i);
  return { line: before.split('\n').length - 1, character: i - before.lastIndexOf('\n') - 1 };
}

/** What the suites expect to see: the example cluster's Nodes. */
export const EXPECTED_NODES = ['node-1', 'node-2', 'node-3'];
/** A hover on a Deployment's `replicas` shows the API's description of the field. */
export const HOVER_EXPECTED = /desired pods/i;
/** Keys of a DeploymentSpec that completion must offer on an empty line under `spec:`. */
export const COMPLETION_EXPECTED = ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused'];
