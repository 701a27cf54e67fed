// unschedulable (from the simulator): pods stay Pending because of a taint no
// toleration covers -> add the tolerations; because no node carries the labels the
// pod's nodeSelector/affinity requires -> say which label is missing where, and offer
// to label a declared Node or to drop the nodeSelector entry.

import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { toleratesTaint, type TolerationLike } from '../../k8s/taints';
import type { Resource } from '../../model/parse';
import { addPairs, appendSeqItems, pairIn, pairRemoval, setPairValue } from '../../model/edit';
import { action, dataOf, fileEdit, locateRange, mapAt, stringEntries, type ActionEnv } from './common';
import { podTemplateOf } from './workloads';
import { ensureLabels } from './selectorMismatch';

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export function tolerationFor(t: Taint): Record<string, string> {
  return t.value !== undefined && t.value !== '' ? { key: t.key, operator: 'Equal', value: t.value, effect: t.effect } : { key: t.key, operator: 'Exists', effect: t.effect };
}

function tolerated(existing: unknown[], t: Taint): boolean {
  return existing.some((e) => toleratesTaint(e as TolerationLike, t));
}

function tolerationAction(env: ActionEnv, r: Resource, podSpec: YAMLMap, taints: Taint[], d: Diagnostic): CodeAction | undefined {
  const tolPair = pairIn(podSpec, 'tolerations');
  const existing = tolPair && isSeq(tolPair.value) ? (tolPair.value.toJS(r.doc.yaml) as unknown[]) : [];
  const needed = taints.filter((t) => t && typeof t.key === 'string' && typeof t.effect === 'string' && !tolerated(existing, t)).map(tolerationFor);
  if (needed.length === 0) return undefined;
  let edit;
  if (tolPair && isSeq(tolPair.value) && tolPair.value.items.length > 0) edit = appendSeqItems(env.file, r.doc, tolPair.value, needed, tolPair);
  else if (tolPair) edit = setPairValue(env.file, r.doc, tolPair, needed);
  else edit = addPairs(env.file, r.doc, podSpec, { tolerations: needed });
  const list = needed.map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`).join(', ');
  return action(`Add toleration${needed.length > 1 ? 's' : ''} for taint ${list}`, 'quickfix', fileEdit(env.file, [edit]), d, true);
}

function nodeLabelActions(env: ActionEnv, r: Resource, podSpec: YAMLMap, missing: Record<string, string>, d: Diagnostic): CodeAction[] {
  const out: CodeAction[] = [];
  const list = Object.entries(missing).map(([k, v]) => `${k}=${v}`).join(', ');
  const nodes = [...env.ctx.workspace.resources()].filter((n) => n.kind === 'Node' && n.apiVersion === 'v1').slice(0, 3);
  for (const node of nodes) {
    const file = env.ctx.workspace.get(node.doc.uri);
    const meta = mapAt(node.node, ['metadata']);
    if (!file || !meta) continue;
    const labelsPair = pairIn(meta, 'labels');
    const edits = labelsPair && isMap(labelsPair.value) ? ensureLabels(file, node, labelsPair.value, missing, labelsPair) : [addPairs(file, node.doc, meta, { labels: missing })];
    out.push(action(`No node has label ${list}: add it to Node "${node.name ?? '?'}"`, 'quickfix', fileEdit(file, edits), d));
  }
  const selPair = pairIn(podSpec, 'nodeSelector');
  if (selPair && isMap(selPair.value)) {
    const sel = stringEntries(selPair.value);
    for (const [k, v] of Object.entries(missing)) {
      const p = pairIn(selPair.value, k);
      if (!p || sel[k] !== v) continue;
      const edit = selPair.value.items.length === 1 ? pairRemoval(env.file, r.doc, podSpec, selPair) : pairRemoval(env.file, r.doc, selPair.value, p);
      out.push(action(`No node has label ${k}=${v}: remove it from the pod's nodeSelector`, 'quickfix', fileEdit(env.file, [edit]), d));
    }
  }
  return out;
}

export function unschedulableFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const r = locateRange(env.file, d.range)?.resource;
  const podSpec = r && podTemplateOf(r)?.podSpec;
  if (!r || !podSpec) return [];
  const data = dataOf<{ taints: Taint[]; missingNodeLabels: Record<string, string> }>(d);
  const out: CodeAction[] = [];
  if (Array.isArray(data.taints) && data.taints.length > 0) {
    const a = tolerationAction(env, r, podSpec, data.taints, d);
    if (a) out.push(a);
  }
  if (data.missingNodeLabels && typeof data.missingNodeLabels === 'object' && Object.keys(data.missingNodeLabels).length > 0) {
    out.push(...nodeLabelActions(env, r, podSpec, data.missingNodeLabels, d));
  }
  return out;
}
