// missing-reference: create a stub of the missing ConfigMap / Secret / PVC /
// ServiceAccount (with the referenced key) in this file or a new file, or add the
// missing key to the existing ConfigMap/Secret.

import { isMap } from 'yaml';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, appendDocument, indentStyleOf, pairIn, setPairValue, toBlockYaml, type IndentStyle } from '../../model/edit';
import { action, dataOf, fileEdit, locateRange, siblingUri, type ActionEnv } from './common';

interface MissingRef {
  targetKind: string;
  name: string;
  namespace?: string;
  key?: string;
  sourceKind: string;
}

/** The stub object for a missing reference, or undefined for kinds we do not create. */
export function stubFor(ref: MissingRef, namespace: string | undefined): Record<string, unknown> | undefined {
  const metadata = namespace ? { name: ref.name, namespace } : { name: ref.name };
  const keys = ref.key ? { [ref.key]: '' } : {};
  switch (ref.targetKind) {
    case 'ConfigMap':
      return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: keys };
    case 'Secret':
      return { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: keys };
    case 'PersistentVolumeClaim':
      return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    case 'ServiceAccount':
      return { apiVersion: 'v1', kind: 'ServiceAccount', metadata };
    default:
      return undefined;
  }
}

function stubText(stub: Record<string, unknown>, style: IndentStyle): string {
  return toBlockYaml(stub, 0, style) + '\n';
}

function findTarget(env: ActionEnv, ref: MissingRef, namespace: string): Resource | undefined {
  for (const res of env.ctx.workspace.resources()) {
    if (res.kind === ref.targetKind && res.name === ref.name && (res.namespace ?? 'default') === namespace) return res;
  }
  return undefined;
}

/** "Add key K to ConfigMap/Secret N" when the object exists but lacks the key. */
function addKeyAction(env: ActionEnv, target: Resource, key: string, d: Diagnostic): CodeAction | undefined {
  const file = env.ctx.workspace.get(target.doc.uri);
  if (!file) return undefined;
  const field = target.kind === 'Secret' && pairIn(target.node, 'stringData') ? 'stringData' : 'data';
  const pair = pairIn(target.node, field);
  let edit;
  if (pair && isMap(pair.value)) edit = addPairs(file, target.doc, pair.value, { [key]: '' }, { ownerPair: pair });
  else if (pair) edit = setPairValue(file, target.doc, pair, { [key]: '' });
  else edit = addPairs(file, target.doc, target.node, { [field]: { [key]: '' } });
  return action(`Add key "${key}" to ${target.kind} "${target.name}"`, 'quickfix', fileEdit(file, [edit]), d, true);
}

export function missingReferenceFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const ref = dataOf<MissingRef>(d);
  if (typeof ref.targetKind !== 'string' || typeof ref.name !== 'string' || !ref.name) return [];
  const source = locateRange(env.file, d.range)?.resource;
  const namespace = ref.namespace ?? source?.namespace;
  const full = ref as MissingRef;
  const existing = findTarget(env, full, namespace ?? 'default');
  if (existing) {
    if (!ref.key || (existing.kind !== 'ConfigMap' && existing.kind !== 'Secret')) return [];
    const a = addKeyAction(env, existing, ref.key, d);
    return a ? [a] : [];
  }
  // Only write a namespace the source object spells out itself.
  const stub = stubFor(full, source?.namespace ? namespace : ref.namespace);
  if (!stub) return [];
  const style = indentStyleOf(env.file);
  const text = stubText(stub, style);
  const label = `${ref.targetKind} "${ref.name}"${ref.key ? ` with key "${ref.key}"` : ''}`;
  const out: CodeAction[] = [action(`Create ${label} in this file`, 'quickfix', fileEdit(env.file, [appendDocument(env.file, text)]), d, true)];
  if (env.canCreateFiles) {
    const uri = siblingUri(env.file.uri, `${ref.targetKind}-${ref.name}`, (u) => env.ctx.workspace.has(u));
    const edit: WorkspaceEdit = {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
    out.push(action(`Create ${label} in new file ${uri.slice(uri.lastIndexOf('/') + 1)}`, 'quickfix', edit, d));
  }
  return out;
}
