// service-not-headless: a StatefulSet's serviceName names a Service with a cluster
// IP -> make that Service headless (`clusterIP: None`), wherever it is defined.

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { addPairs, pairIn, setPairValue } from '../../model/edit';
import { action, dataOf, fileEdit, mapAt, type ActionEnv } from './common';

export function headlessServiceFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<{ service: string; namespace?: string }>(d);
  if (typeof data.service !== 'string') return [];
  const ns = data.namespace ?? 'default';
  for (const r of env.ctx.workspace.resources()) {
    if (r.kind !== 'Service' || r.group !== '' || r.name !== data.service || (r.namespace ?? 'default') !== ns) continue;
    const file = env.ctx.workspace.get(r.doc.uri);
    const spec = mapAt(r.node, ['spec']);
    if (!file || !spec) continue;
    const existing = pairIn(spec, 'clusterIP');
    const edit = existing ? setPairValue(file, r.doc, existing, 'None') : addPairs(file, r.doc, spec, { clusterIP: 'None' });
    return [action(`Make Service "${data.service}" headless (clusterIP: None)`, 'quickfix', fileEdit(file, [edit]), d, true)];
  }
  return [];
}
