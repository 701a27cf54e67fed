// "Extract env to a ConfigMap": moves a container's literal `env` values into a new
// ConfigMap (appended as a document) and references it with `envFrom` or per-variable
// `configMapKeyRef`. Entries using valueFrom or `$(VAR)` expansion stay as they are.

import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, appendDocument, appendSeqItems, contentEndOf, indentStyleOf, pairIn, pairRemoval, setPairValue, startOf, toBlockYaml, type OffsetEdit } from '../../model/edit';
import { action, fileEdit, type ActionEnv } from './common';
import { containerAt, containersOf, type ContainerRef } from './workloads';

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

interface LiteralEnv {
  item: YAMLMap;
  valuePair: Pair;
  name: string;
  value: string;
}

function literalEnv(container: YAMLMap): { seq?: YAMLSeq; literals: LiteralEnv[] } {
  const seq = container.get('env', true);
  if (!isSeq(seq)) return { literals: [] };
  const literals: LiteralEnv[] = [];
  for (const item of seq.items) {
    if (!isMap(item) || item.has('valueFrom')) continue;
    const name = item.get('name');
    const valuePair = pairIn(item, 'value');
    if (typeof name !== 'string' || !CONFIGMAP_KEY.test(name) || !valuePair || !isScalar(valuePair.value)) continue;
    const s = valuePair.value as Scalar & { source?: string };
    if (s.value === null || typeof s.value === 'object') continue;
    const value = typeof s.value === 'string' ? s.value : (s.source ?? String(s.value));
    // `$(VAR)` is expanded only in `value`, not in values read from a ConfigMap.
    if (value.includes('$(')) continue;
    literals.push({ item, valuePair, name, value });
  }
  return { seq, literals };
}

function configMapName(env: ActionEnv, r: Resource, c: ContainerRef, single: boolean): string {
  const base = single ? `${r.name}-env` : `${r.name}-${c.name ?? 'container'}-env`;
  const taken = new Set<string>();
  for (const res of env.ctx.workspace.resources()) if (res.kind === 'ConfigMap' && res.name) taken.add(res.name);
  let name = base.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

export function extractEnvActions(env: ActionEnv, r: Resource, local: number): CodeAction[] {
  if (!r.name) return [];
  const all = containersOf(r, true);
  const target = containerAt(r, local) ?? all.find((c) => literalEnv(c.map).literals.length > 0);
  if (!target) return [];
  const { seq, literals } = literalEnv(target.map);
  if (!seq || literals.length === 0) return [];
  const { file } = env;
  const doc = r.doc;
  const name = configMapName(env, r, target, all.length === 1);
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: r.namespace ? { name, namespace: r.namespace } : { name },
    data: Object.fromEntries(literals.map((l) => [l.name, l.value])),
  };
  const append = appendDocument(file, toBlockYaml(configMap, 0, indentStyleOf(file)));
  const label = target.name ? `container "${target.name}"` : 'the container';

  // envFrom: drop the literal entries, reference the whole ConfigMap.
  const fromEdits: OffsetEdit[] = [];
  const envPair = pairIn(target.map, 'env')!;
  const ref = { configMapRef: { name } };
  const envFrom = target.map.get('envFrom', true);
  const allLiteral = literals.length === seq.items.length;
  if (allLiteral && envFrom === undefined) {
    // `env:` becomes `envFrom:` in place (works for `- env:` item lines too).
    fromEdits.push({ start: startOf(doc, envPair.key), end: contentEndOf(file, doc, envPair.key), text: 'envFrom' });
    fromEdits.push(setPairValue(file, doc, envPair, [ref]));
  } else {
    if (allLiteral) fromEdits.push(pairRemoval(file, doc, target.map, envPair));
    else if (seq.flow) {
      const rest = seq.items.filter((i) => !literals.some((l) => l.item === i)).map((i) => (isMap(i) ? i.toJS(doc.yaml) : null));
      fromEdits.push(setPairValue(file, doc, envPair, rest));
    } else for (const l of literals) fromEdits.push(seqItemRemoval(env, r, seq, l.item));
    if (isSeq(envFrom) && envFrom.items.length > 0) fromEdits.push(appendSeqItems(file, doc, envFrom, [ref], pairIn(target.map, 'envFrom')));
    else if (envFrom !== undefined) fromEdits.push(setPairValue(file, doc, pairIn(target.map, 'envFrom')!, [ref]));
    else fromEdits.push(addPairs(file, doc, target.map, { envFrom: [ref] }, { afterKey: 'env' }));
  }

  // configMapKeyRef: each literal `value:` becomes `valueFrom:` in place (comments stay).
  const keyEdits: OffsetEdit[] = [];
  for (const l of literals) {
    keyEdits.push({ start: startOf(doc, l.valuePair.key), end: contentEndOf(file, doc, l.valuePair.key), text: 'valueFrom' });
    keyEdits.push(setPairValue(file, doc, l.valuePair, { configMapKeyRef: { name, key: l.name } }));
  }
  // The new document goes last: an edit at the end of the file must follow the others there.
  fromEdits.push(append);
  keyEdits.push(append);
  return [
    action(`Extract env of ${label} to ConfigMap "${name}" (envFrom)`, 'refactor.extract', fileEdit(file, fromEdits)),
    action(`Extract env of ${label} to ConfigMap "${name}" (configMapKeyRef)`, 'refactor.extract', fileEdit(file, keyEdits)),
  ];
}

/** Removes one item (all its lines, from its `-`) from a block sequence. */
function seqItemRemoval(env: ActionEnv, r: Resource, _seq: YAMLSeq, item: YAMLMap): OffsetEdit {
  const text = env.file.text;
  const s = startOf(r.doc, item);
  const ls = text.lastIndexOf('\n', s - 1) + 1;
  const end = contentEndOf(env.file, r.doc, item);
  const nl = text.indexOf('\n', end);
  return { start: ls, end: nl < 0 ? text.length : nl + 1, text: '' };
}
