// A workload's selector does not match its pod template labels (the API server's
// `selector` does not match template `labels`, an api-invalid error).
// Two fixes: add the selector's labels to the template, or set the selector from the
// template labels.

import { isScalar, type YAMLMap } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Resource, SourceFile } from '../../model/parse';
import { addPairs, contentEndOf, indentStyleOf, pairIn, scalarText, setPairValue, startOf, type OffsetEdit } from '../../model/edit';
import { action, fileEdit, keyName, locateRange, type ActionEnv } from './common';
import { podTemplateOf, selectorLabels } from './workloads';

/** Edits making `map`'s labels include `labels` (adding keys, changing differing values). */
export function ensureLabels(file: SourceFile, r: Resource, map: YAMLMap, labels: Record<string, string>, ownerPair?: import('yaml').Pair): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const missing: Record<string, string> = {};
  const style = indentStyleOf(file);
  for (const [k, v] of Object.entries(labels)) {
    const p = map.items.find((i) => keyName(i) === k);
    if (!p) missing[k] = v;
    else if (!isScalar(p.value) || String(p.value.value) !== v) {
      if (map.flow || !p.value) missing[k] = v;
      else edits.push({ start: startOf(r.doc, p.value), end: contentEndOf(file, r.doc, p.value), text: scalarText(v, 0, style) });
    }
  }
  if (Object.keys(missing).length > 0) edits.push(addPairs(file, r.doc, map, missing, { ownerPair }));
  return edits;
}

/** Edits adding `labels` to the pod template's metadata.labels (creating maps as needed). */
export function templateLabelEdits(file: SourceFile, r: Resource, labels: Record<string, string>): OffsetEdit[] | undefined {
  const tpl = podTemplateOf(r);
  if (!tpl) return undefined;
  if (tpl.labelsMap) return ensureLabels(file, r, tpl.labelsMap, labels, pairIn(tpl.template.get('metadata', true), 'labels'));
  const metaPair = pairIn(tpl.template, 'metadata');
  if (metaPair && metaPair.value && typeof metaPair.value === 'object' && 'items' in metaPair.value) {
    return [addPairs(file, r.doc, metaPair.value as YAMLMap, { labels }, { ownerPair: metaPair })];
  }
  if (metaPair) return [setPairValue(file, r.doc, metaPair, { labels })];
  return [addPairs(file, r.doc, tpl.template, { metadata: { labels } }, { beforeKey: 'spec' })];
}

export function selectorMismatchFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const r = locateRange(env.file, d.range)?.resource;
  if (!r) return [];
  const tpl = podTemplateOf(r);
  const spec = r.node.get('spec', true) as YAMLMap | undefined;
  const selPair = spec && pairIn(spec, 'selector');
  if (!tpl || !selPair) return [];
  const out: CodeAction[] = [];
  const sel = selectorLabels(r);
  if (sel && Object.keys(sel).length > 0) {
    const edits = templateLabelEdits(env.file, r, sel);
    if (edits && edits.length > 0) {
      const list = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(', ');
      out.push(action(`Add selector labels to the pod template (${list})`, 'quickfix', fileEdit(env.file, edits), d, true));
    }
  }
  if (Object.keys(tpl.labels).length > 0) {
    const value = r.kind === 'ReplicationController' ? tpl.labels : { matchLabels: tpl.labels };
    const list = Object.entries(tpl.labels).map(([k, v]) => `${k}=${v}`).join(', ');
    out.push(action(`Set the selector from the template labels (${list})`, 'quickfix', fileEdit(env.file, [setPairValue(env.file, r.doc, selPair, value)]), d));
  }
  return out;
}
