// Quick fixes for the API server's field errors (`api-invalid`, from the validation
// core): a missing field is inserted, an unsupported value is replaced by a
// supported one, a volumeMount naming no volume gets the volume (or the name of
// a close existing one), a selector that misses the template labels gets the
// labels aligned either way. Keyed on the error's `type` and `path` in the data.

import { isMap, isSeq, type Node } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { addPairs, appendSeqItems, contentEndOf, pairIn, startOf } from '../../model/edit';
import { nodeAtPath } from '../../model/ast';
import { action, dataOf, editDistance, fileEdit, locateRange, type ActionEnv } from './common';
import { enumFix } from './renameField';
import { insertRequiredField } from './missingRequired';
import { selectorMismatchFixes } from './selectorMismatch';
import { SELECTOR_MISMATCH } from '../../k8s/validation';

interface ApiInvalidData {
  type: string;
  field: string;
  path: Array<string | number>;
  required: { field: string; parentPath: Array<string | number> };
  suggestion: string;
  allowed: string[];
}

/** volumeMounts[i].name naming no volume: add an emptyDir volume of that name, or use a close existing name. */
function missingVolumeFixes(env: ActionEnv, d: Diagnostic, path: Array<string | number>): CodeAction[] {
  const at = locateRange(env.file, d.range);
  const r = at?.resource;
  const c = path.lastIndexOf('volumeMounts');
  const containers = Math.max(path.lastIndexOf('containers'), path.lastIndexOf('initContainers'), path.lastIndexOf('ephemeralContainers'));
  if (!at || !r || c < 0 || containers < 0) return [];
  const name = nodeAtPath(r.node, path) as { value?: unknown } | undefined;
  const missing = typeof name?.value === 'string' ? name.value : undefined;
  const podSpec = nodeAtPath(r.node, path.slice(0, containers));
  if (!missing || !isMap(podSpec)) return [];
  const out: CodeAction[] = [];
  const volumes = podSpec.get('volumes', true);
  const existing = isSeq(volumes) ? volumes.items.map((v) => (isMap(v) ? v.get('name') : undefined)).filter((n): n is string => typeof n === 'string') : [];
  const close = existing.filter((n) => editDistance(n, missing) <= Math.max(2, Math.floor(missing.length / 3))).sort((a, b) => editDistance(a, missing) - editDistance(b, missing))[0];
  if (close && name) {
    out.push(action(`Change to volume "${close}"`, 'quickfix', fileEdit(env.file, [{ start: startOf(at.doc, name), end: contentEndOf(env.file, at.doc, name), text: close }]), d, true));
  }
  const volume = { name: missing, emptyDir: {} };
  const edit = isSeq(volumes) && !volumes.flow
    ? appendSeqItems(env.file, at.doc, volumes, [volume], pairIn(podSpec, 'volumes'))
    : isSeq(volumes)
      ? undefined
      : addPairs(env.file, at.doc, podSpec, { volumes: [volume] });
  if (edit) out.push(action(`Add an emptyDir volume "${missing}"`, 'quickfix', fileEdit(env.file, [edit]), d, !close));
  return out;
}

export function apiInvalidFixes(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<ApiInvalidData>(d);
  const path = Array.isArray(data.path) ? data.path : [];
  if (data.type === 'FieldValueRequired') {
    if (data.required && Array.isArray(data.required.parentPath) && typeof data.required.field === 'string') return insertRequiredField(env, d, data.required.parentPath, data.required.field);
    const last = path[path.length - 1];
    if (typeof last !== 'string') return [];
    const r = locateRange(env.file, d.range)?.resource;
    const parent = r ? nodeAtPath(r.node as Node, path.slice(0, -1)) : undefined;
    return isMap(parent) ? insertRequiredField(env, d, path.slice(0, -1), last) : [];
  }
  if ((data.type === 'FieldValueNotSupported' || data.type === 'FieldValueInvalid') && (typeof data.suggestion === 'string' || Array.isArray(data.allowed))) return enumFix(env, d);
  if (data.type === 'FieldValueNotFound' && path[path.length - 1] === 'name' && path.includes('volumeMounts')) return missingVolumeFixes(env, d, path);
  if (data.type === 'FieldValueInvalid' && path.join('.') === 'spec.template.metadata.labels' && typeof d.message === 'string' && d.message.endsWith(SELECTOR_MISMATCH)) return selectorMismatchFixes(env, d);
  return [];
}
