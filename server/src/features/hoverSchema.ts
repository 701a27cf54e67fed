// Hover sections that come from the schema: documentation of the key under the
// cursor (description, type, required, default), what a `kind`/`apiVersion` is and
// which schema applies to it, and the meaning of a quantity value. Also exports the
// field formatting that completion items reuse for their documentation.

import { isScalar } from 'yaml';
import { deref, getKindInfo, getSchemaForResource, kindsByName, resolveSchemaAtPath, typeName, type KindInfo, type SchemaNode } from '../schema/index';
import { describeQuantity } from '../k8s/quantity';
import type { HoverProvider, HoverRequest } from './hover';

/** Human type of a schema node: `integer (int32)`, `array of Container`, `map of string → string`. */
export function typeLabel(node: SchemaNode, depth = 0): string {
  if (depth > 4) return 'object';
  if (node.intOrString) return 'integer | string';
  if (node.format === 'quantity') return 'quantity (string)';
  const d = deref(node);
  const type = node.type ?? d.type;
  if (type === 'array' && (node.items ?? d.items)) return `array of ${typeLabel((node.items ?? d.items)!, depth + 1)}`;
  const ap = node.additionalProperties ?? d.additionalProperties;
  if (!d.properties && ap && typeof ap === 'object') return `map of string → ${typeLabel(ap, depth + 1)}`;
  const name = typeName(node);
  if (name && (type === 'object' || d.properties)) return `object (${name})`;
  if (!type) return d.properties ? 'object' : 'any';
  const format = node.format ?? d.format;
  return format && format !== type ? `${type} (${format})` : type;
}

/** The description of a node, falling back to the referenced definition's. */
export function descriptionOf(node: SchemaNode): string | undefined {
  return node.description ?? deref(node).description;
}

function formatDefault(v: unknown): string {
  return typeof v === 'string' ? `\`"${v}"\`` : `\`${JSON.stringify(v)}\``;
}

/** Markdown documentation of one field. */
export function fieldMarkdown(name: string, node: SchemaNode, required: boolean | undefined, withTitle = true): string {
  const d = deref(node);
  const lines: string[] = [];
  const head = `\`${typeLabel(node)}\`${required === undefined ? '' : required ? ' — **required**' : ' — optional'}`;
  lines.push(withTitle ? `**${name}**: ${head}` : head);
  const def = node.default ?? d.default;
  if (def !== undefined) lines.push(`Default: ${formatDefault(def)}`);
  const en = node.enum ?? d.enum;
  if (en && en.length > 0) lines.push(`Allowed values: ${en.map((e) => `\`${String(e)}\``).join(', ')}`);
  const description = descriptionOf(node);
  if (description) lines.push(description);
  return lines.join('\n\n');
}

/** Whether `key` is listed as required by the (dereferenced) parent schema. */
export function isRequired(parent: SchemaNode | undefined, key: string): boolean | undefined {
  if (!parent) return undefined;
  const d = deref(parent);
  if (!d.properties) return undefined;
  return (d.required ?? []).includes(key);
}

function kindMarkdown(info: KindInfo | undefined, apiVersion: string, kind: string, others: KindInfo[]): string {
  if (!info) {
    const known = others.map((o) => `\`${o.apiVersion}\``).join(', ');
    return `**${kind}** — \`${apiVersion}\`\n\nNo schema is known for this apiVersion/kind${known ? `; ${kind} is served as ${known}` : ' (not a built-in kind, and no CustomResourceDefinition in the workspace defines it)'}.`;
  }
  const scope = info.namespaced === undefined ? '' : info.namespaced ? ' (namespaced)' : ' (cluster-scoped)';
  const parts = [`**${info.kind}** — \`${info.apiVersion}\`${scope}`];
  if (info.description) parts.push(info.description);
  const alt = others.filter((o) => o.apiVersion !== info.apiVersion);
  if (alt.length > 0) parts.push(`Also served as: ${alt.map((o) => `\`${o.apiVersion}\``).join(', ')}`);
  if (info.source.type === 'builtin') {
    parts.push(`Schema: bundled Kubernetes v${info.source.kubernetesVersion} OpenAPI`);
  } else {
    const file = decodeURIComponent(info.source.uri.slice(info.source.uri.lastIndexOf('/') + 1));
    parts.push(`Schema: CustomResourceDefinition \`${info.source.crdName}\` in [${file}](${info.source.uri})`);
  }
  return parts.join('\n\n');
}

/** `kind` / `apiVersion` (key or value) at a resource's top level: what the resource is. */
export const kindHover: HoverProvider = (req) => {
  const { resource, resourcePath } = req;
  if (!resource || resourcePath.length !== 1 || (resourcePath[0] !== 'kind' && resourcePath[0] !== 'apiVersion')) return undefined;
  const info = getKindInfo(resource.group, resource.version, resource.kind, req.ctx);
  return { markdown: kindMarkdown(info, resource.apiVersion, resource.kind, kindsByName(resource.kind, req.ctx)) };
};

/** The schema of the resource at the cursor and the node at its path. */
function schemaAt(req: HoverRequest): { node?: SchemaNode; parent?: SchemaNode } | undefined {
  const r = req.resource;
  if (!r) return undefined;
  const root = getSchemaForResource(r.group, r.version, r.kind, req.ctx);
  if (!root) return undefined;
  const path = req.resourcePath;
  if (path.length === 0) return undefined;
  const parent = resolveSchemaAtPath(root, path.slice(0, -1));
  const node = parent ? resolveSchemaAtPath(parent, path.slice(-1)) : undefined;
  return { node, parent };
}

/** Documentation of the field under the cursor (on its key or on a scalar value). */
export const fieldHover: HoverProvider = (req) => {
  const path = req.resourcePath;
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  if (path.length === 1 && (last === 'kind' || last === 'apiVersion')) return undefined; // kindHover
  if (!req.at.onKey && !isScalar(req.at.node)) return undefined;
  const s = schemaAt(req);
  if (!s?.node) return undefined;
  // On a quantity value the quantity section says it all; the Quantity type's long description is noise.
  if (!req.at.onKey && (s.node.format === 'quantity' || deref(s.node).format === 'quantity')) return undefined;
  return { markdown: fieldMarkdown(last, s.node, isRequired(s.parent, last)) };
};

const QUANTITY_KEYS = new Set(['cpu', 'memory', 'storage', 'ephemeral-storage']);

/** A quantity value: its normalised meaning (`200m` = 0.2 CPU, `10Mi` = 10,485,760 bytes). */
export const quantityHover: HoverProvider = (req) => {
  if (req.at.onKey || !isScalar(req.at.node)) return undefined;
  const value = req.at.node.value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const last = req.resourcePath[req.resourcePath.length - 1];
  if (typeof last !== 'string') return undefined;
  const s = schemaAt(req);
  const isQuantity =
    s?.node?.format === 'quantity' ||
    (s?.node && deref(s.node).format === 'quantity') ||
    // No schema (unknown kind, CRD without one): recognise the usual resource names.
    (!s?.node && (QUANTITY_KEYS.has(last) || /^(requests|limits)\.(cpu|memory|storage|ephemeral-storage)$/.test(last)));
  if (!isQuantity) return undefined;
  return { markdown: `**Quantity** (${last}): ${describeQuantity(last, value)}` };
};

export const schemaHoverProviders: HoverProvider[] = [kindHover, quantityHover, fieldHover];
