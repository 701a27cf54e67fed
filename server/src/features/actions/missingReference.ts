// missing-reference: create a stub of the missing ConfigMap / Secret / PVC /
// ServiceAccount (with the referenced key) / Service / StorageClass in this file or a
// new file, add the missing key to the existing ConfigMap/Secret, or add the missing
// port to the existing Service.

import { isMap } from 'yaml';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, appendDocument, indentStyleOf, pairIn, setPairValue, toBlockYaml, type IndentStyle } from '../../model/edit';
import { action, dataOf, fileEdit, locateRange, siblingUri, type ActionEnv } from './common';
import { addServicePortAction, serviceStub } from './missingService';

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
    case 'StorageClass':
      // Cluster-scoped; the provisioner is a placeholder for the cluster's real one.
      return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: ref.name }, provisioner: 'kubernetes.io/no-provisioner' };
    default:
      return undefined;
  }
}

function stubText(stub: Record<string, unknown>, style: IndentStyle): string {
  return toBlockYaml(stub, 0, style) + '\n';
}

function findTarget(env: ActionEnv, ref: MissingRef, namespace: string): Resource | undefined {
  const kind = ref.targetKind === 'Service port' ? 'Service' : ref.targetKind;
  for (const res of env.ctx.workspace.resources()) {
    if (res.kind === kind && res.name === ref.name && (res.namespace ?? 'default') === namespace) return res;
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
  if (ref.targetKind === 'Service port') {
    const a = existing && typeof ref.key === 'string' && ref.key ? addServicePortAction(env, existing, ref.key, d) : undefined;
    return a ? [a] : [];
  }
  if (existing) {
    if (!ref.key || (existing.kind !== 'ConfigMap' && existing.kind !== 'Secret')) return [];
    const a = addKeyAction(env, existing, ref.key, d);
    return a ? [a] : [];
  }
  // Only write a namespace the source object spells out itself.
  const writeNamespace = source?.namespace ? namespace : ref.namespace;
  const stub = ref.targetKind === 'Service' ? serviceStub(env, ref.name, namespace, writeNamespace, source) : stubFor(full, writeNamespace);
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
