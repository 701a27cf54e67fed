// target-port-not-found: a Service's named targetPort is declared by no selected
// container; offer the selected containers' ports (closest name first).

import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { contentEndOf, startOf } from '../../model/edit';
import { action, dataOf, editDistance, fileEdit, keyName, locateRange, mapAt, type ActionEnv } from './common';

interface PortCandidate {
  name?: string;
  containerPort: number;
}

export function targetPortFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<{ portName: string; candidates: PortCandidate[] }>(d);
  const at = locateRange(env.file, d.range);
  if (!at?.resource || !Array.isArray(data.candidates)) return [];
  const portName = typeof data.portName === 'string' ? data.portName : '';
  let pair: Pair | undefined = at.at.pair && keyName(at.at.pair) === 'targetPort' ? at.at.pair : undefined;
  if (!pair) {
    // The diagnostic may cover the whole port entry: find its targetPort.
    const ports = mapAt(at.resource.node, ['spec'])?.get('ports', true);
    if (isSeq(ports)) {
      for (const p of ports.items) {
        const tp = isMap(p) ? p.items.find((i) => keyName(i) === 'targetPort') : undefined;
        if (tp && isScalar(tp.value) && String(tp.value.value) === portName) pair = tp;
      }
    }
  }
  if (!pair?.value) return [];
  const value = pair.value;
  const cands = data.candidates.filter((c) => c && Number.isInteger(c.containerPort));
  const rank = (c: PortCandidate) => (c.name ? editDistance(portName, c.name) : 1000);
  cands.sort((a, b) => rank(a) - rank(b) || a.containerPort - b.containerPort);
  const seen = new Set<string>();
  const out: CodeAction[] = [];
  for (const c of cands) {
    const text = c.name ?? String(c.containerPort);
    if (seen.has(text) || out.length >= 4) continue;
    seen.add(text);
    const title = c.name ? `Use container port "${c.name}" (${c.containerPort})` : `Use container port ${c.containerPort}`;
    const edit = { start: startOf(at.doc, value), end: contentEndOf(env.file, at.doc, value), text };
    out.push(action(title, 'quickfix', fileEdit(env.file, [edit]), d, out.length === 0));
  }
  return out;
}
