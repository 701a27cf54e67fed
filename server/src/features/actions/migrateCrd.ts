// CustomResourceDefinition apiextensions.k8s.io/v1beta1 -> v1: `spec.version` and the
// top-level `validation`, `subresources` and `additionalPrinterColumns` move into a
// `versions` list (served/storage set). The OpenAPI schema text is moved verbatim,
// re-indented, so its comments survive. v1 requires a schema: versions without one
// get an object schema that preserves unknown fields (what v1beta1 did).

import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Resource, SourceFile } from '../../model/parse';
import { toPlain } from '../../model/parse';
import { contentEndOf, indentStyleOf, keyColumn, lineEndAfter, lineStart, mapColumn, pairIn, pairLineSpan, pairRemoval, reindent, startOf, toBlockYaml, type OffsetEdit } from '../../model/edit';
import { keyName, mapAt } from './common';

/** The lines of a block collection moved to column `col`; undefined when it is not a block on its own lines. */
function verbatimBlock(file: SourceFile, r: Resource, node: unknown, col: number): string | undefined {
  if (!(isMap(node) || isSeq(node)) || node.flow || node.items.length === 0) return undefined;
  const s = startOf(r.doc, node);
  const ls = lineStart(file.text, s);
  if (file.text.slice(ls, s).trim() !== '') return undefined;
  const from = s - ls;
  const text = file.text.slice(ls, lineEndAfter(file.text, contentEndOf(file, r.doc, node))).replace(/\r?\n$/, '');
  return reindent(text, col - from);
}

function printerColumns(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((c) => {
    if (!c || typeof c !== 'object') return c;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c as Record<string, unknown>)) out[k === 'JSONPath' ? 'jsonPath' : k] = v;
    return out;
  });
}

export function crdEdits(file: SourceFile, r: Resource): OffsetEdit[] | undefined {
  const spec = mapAt(r.node, ['spec']);
  if (!spec || spec.flow || spec.items.length === 0) return undefined;
  const style = indentStyleOf(file);
  const col = mapColumn(file, r.doc, spec);
  const itemCol = style.indentSeq ? col + style.unit : col;
  const fieldCol = itemCol + 2;
  const versionName = spec.get('version');
  const versionsNode = spec.get('versions', true);
  const items: YAMLMap[] = isSeq(versionsNode) ? versionsNode.items.filter(isMap) : [];
  const names: string[] = items.length > 0 ? items.map((v) => String(v.get('name') ?? '')) : typeof versionName === 'string' ? [versionName] : [];
  if (names.length === 0 || names.some((n) => !n)) return undefined;
  const topSchema = mapAt(spec, ['validation', 'openAPIV3Schema']);
  const topSubresources = spec.get('subresources', true);
  const topColumns = printerColumns(toPlain(r.doc, spec.get('additionalPrinterColumns', true)));
  const anyStorage = items.some((v) => v.get('storage') === true);

  const lines: string[] = [' '.repeat(col) + 'versions:'];
  names.forEach((name, i) => {
    const item = items[i];
    const plain = (item ? toPlain(r.doc, item) : {}) as Record<string, unknown>;
    const served = typeof plain.served === 'boolean' ? plain.served : true;
    const storage = typeof plain.storage === 'boolean' ? plain.storage : anyStorage ? false : typeof versionName === 'string' ? name === versionName : i === 0;
    const head: Record<string, unknown> = { name, served, storage };
    for (const [k, v] of Object.entries(plain)) {
      if (!['name', 'served', 'storage', 'schema', 'subresources', 'additionalPrinterColumns'].includes(k)) head[k] = v;
    }
    const headText = toBlockYaml([head], itemCol, { ...style, indentSeq: false });
    lines.push(headText);
    const schemaNode = (item && mapAt(item, ['schema', 'openAPIV3Schema'])) ?? topSchema;
    lines.push(' '.repeat(fieldCol) + 'schema:');
    lines.push(' '.repeat(fieldCol + style.unit) + 'openAPIV3Schema:');
    const moved = schemaNode ? verbatimBlock(file, r, schemaNode, fieldCol + 2 * style.unit) : undefined;
    if (moved !== undefined) lines.push(moved);
    else {
      const value = schemaNode ? toPlain(r.doc, schemaNode) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      lines.push(toBlockYaml(value, fieldCol + 2 * style.unit, style));
    }
    const sub = (item && item.get('subresources', true)) ?? topSubresources;
    if (sub) lines.push(toBlockYaml({ subresources: toPlain(r.doc, sub) }, fieldCol, style));
    const cols = (item && printerColumns(toPlain(r.doc, item.get('additionalPrinterColumns', true)))) ?? topColumns;
    if (cols) lines.push(toBlockYaml({ additionalPrinterColumns: cols }, fieldCol, style));
  });
  const block = lines.join('\n') + '\n';

  const edits: OffsetEdit[] = [];
  const removed = ['version', 'versions', 'validation', 'subresources', 'additionalPrinterColumns'];
  const anchor = pairIn(spec, 'versions') ?? pairIn(spec, 'version');
  for (const p of spec.items) {
    if (!removed.includes(keyName(p))) continue;
    if (p === anchor) {
      const [s, e] = pairLineSpan(file, r.doc, p);
      edits.push({ start: s, end: e, text: block });
    } else edits.push(pairRemoval(file, r.doc, spec, p));
  }
  if (!anchor) {
    const last = spec.items[spec.items.length - 1];
    const end = pairLineSpan(file, r.doc, last)[1];
    edits.push({ start: end, end, text: (file.text[end - 1] === '\n' ? '' : '\n') + block });
  }
  // v1beta1 webhook conversion config moved under `conversion.webhook`.
  const conversion = mapAt(spec, ['conversion']);
  const clientConfig = conversion && pairIn(conversion, 'webhookClientConfig');
  if (conversion && clientConfig) {
    const reviews = toPlain(r.doc, conversion.get('conversionReviewVersions', true)) ?? ['v1beta1'];
    const convPair = pairIn(spec, 'conversion')!;
    const webhook = { clientConfig: toPlain(r.doc, clientConfig.value as Node), conversionReviewVersions: reviews };
    const strategy = conversion.get('strategy') ?? 'Webhook';
    const [s, e] = pairLineSpan(file, r.doc, convPair);
    edits.push({ start: s, end: e, text: toBlockYaml({ conversion: { strategy, webhook } }, keyColumn(file, r.doc, convPair), style) + '\n' });
  }
  return edits;
}
