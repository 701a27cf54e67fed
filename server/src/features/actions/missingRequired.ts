// missing-required: insert the field with a typed placeholder (from the schema when
// known; required sub-fields of objects are filled one level deep).

import { isMap, type Node } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, pairIn, setPairValue } from '../../model/edit';
import { nodeAtPath } from '../../model/ast';
import { deref, getSchemaForResource, resolveSchemaAtPath, type SchemaNode } from '../../schema';
import { action, dataOf, fileEdit, locateRange, type ActionEnv } from './common';
import { podTemplateOf } from './workloads';
import { logFeatureError } from '../context';

/** Placeholders for well-known fields where an empty value would be misleading. */
function knownPlaceholder(r: Resource, field: string): unknown {
  switch (field) {
    case 'containers':
      return [{ name: 'main', image: 'IMAGE' }];
    case 'selector': {
      const labels = podTemplateOf(r)?.labels ?? {};
      return Object.keys(labels).length > 0 ? { matchLabels: labels } : undefined;
    }
    case 'accessModes':
      return ['ReadWriteOnce'];
    case 'image':
      return 'IMAGE';
    default:
      return undefined;
  }
}

export function placeholderFor(schema: SchemaNode | undefined, depth = 0): unknown {
  if (!schema) return 'TODO';
  const s = deref(schema);
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.intOrString) return 80;
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth < 2) for (const req of s.required ?? []) out[req] = placeholderFor(s.properties?.[req], depth + 1);
      return out;
    }
    default:
      return s.format === 'quantity' ? '1' : 'TODO';
  }
}

function schemaAt(env: ActionEnv, r: Resource, path: Array<string | number>): SchemaNode | undefined {
  try {
    const root = getSchemaForResource(r.group, r.version, r.kind);
    return root ? resolveSchemaAtPath(root, path) : undefined;
  } catch (err) {
    // The fix still inserts the field, with a generic placeholder.
    logFeatureError(env.ctx.log, 'textDocument/codeAction insertRequiredField', err, `${env.file.uri}, ${r.kind} ${path.join('.')}`);
    return undefined;
  }
}

export function missingRequiredFix(env: ActionEnv, d: Diagnostic): CodeAction[] {
  const data = dataOf<{ field: string; parentPath: Array<string | number> }>(d);
  if (typeof data.field !== 'string' || !Array.isArray(data.parentPath)) return [];
  return insertRequiredField(env, d, data.parentPath, data.field);
}

/** Inserts `field` (with a typed placeholder) into the map at `parentPath` of the resource under the diagnostic. */
export function insertRequiredField(env: ActionEnv, d: Diagnostic, parentPath: Array<string | number>, field: string): CodeAction[] {
  const r = locateRange(env.file, d.range)?.resource;
  if (!r) return [];
  // parentPath is relative to the resource; fall back to the document root for List items.
  const parent = nodeAtPath(r.node, parentPath) ?? nodeAtPath(r.doc.yaml.contents as Node | null, parentPath);
  if (!isMap(parent) || parent.has(field)) return [];
  const value = knownPlaceholder(r, field) ?? placeholderFor(schemaAt(env, r, [...parentPath, field]));
  // The owner pair of the parent map lets empty/flow maps become blocks at the right column.
  const grand = parentPath.length > 0 ? nodeAtPath(r.node, parentPath.slice(0, -1)) : undefined;
  const last = parentPath[parentPath.length - 1];
  const ownerPair = isMap(grand) && typeof last === 'string' ? pairIn(grand, last) : undefined;
  const edit = parent.items.length === 0 && !parent.flow && ownerPair ? setPairValue(env.file, r.doc, ownerPair, { [field]: value }) : addPairs(env.file, r.doc, parent, { [field]: value }, { ownerPair });
  return [action(`Add required field "${field}"`, 'quickfix', fileEdit(env.file, [edit]), d, true)];
}
