// Generates the bundled Kubernetes schema (server/src/schema/generated/k8s.json)
// from the offline OpenAPI copies in ../shared/k8s-openapi. The output is
// committed, so building the extension never needs ../shared or the network.
//
// Output shape (see server/src/schema/types.ts, BundledSchema):
//   { kubernetesVersion, definitions: { <definition name>: SchemaNode }, kinds: KindEntry[] }
// $refs become `ref: <definition name>` (never inlined: JSONSchemaProps is recursive).
// Refs to primitive definitions (Quantity, IntOrString, Time, ...) also carry the
// target's type/format inline so validation rarely needs to dereference.
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared/k8s-openapi');
// `--out <file>` writes elsewhere (the tests use it to check the committed file is up to date).
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'server/src/schema/generated/k8s.json');
const KUBERNETES_VERSION = '1.36';

if (!existsSync(join(shared, 'swagger.json'))) {
  console.error(`gen-schema: ${shared}/swagger.json not found; the committed ${outFile} is kept as is.`);
  process.exit(1);
}
const swagger = JSON.parse(readFileSync(join(shared, 'swagger.json'), 'utf8'));
const enumsSpec = JSON.parse(readFileSync(join(shared, 'swagger.openapienums.json'), 'utf8'));

const REF_PREFIX = '#/definitions/';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** Defaults stated in the OpenAPI v3 files (v2 has none): definition -> property -> value. */
function collectDefaults() {
  const out = new Map();
  const dir = join(shared, 'v3');
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json')) continue;
    const schemas = JSON.parse(readFileSync(join(dir, f), 'utf8')).components?.schemas ?? {};
    for (const [name, def] of Object.entries(schemas)) {
      for (const [prop, p] of Object.entries(def.properties ?? {})) {
        if (!('default' in p)) continue;
        const v = p.default;
        // Zero values ("", 0, false, {}) are Go zero-value markers, not defaults worth showing.
        if (v === '' || v === 0 || v === false || (typeof v === 'object' && v !== null)) continue;
        if (!out.has(name)) out.set(name, {});
        out.get(name)[prop] = v;
      }
    }
  }
  return out;
}

/** Enum values listed in a description's "Possible enum values:" paragraph. */
function enumFromDescription(description) {
  const i = description?.indexOf('Possible enum values:') ?? -1;
  if (i < 0) return undefined;
  const values = [...description.slice(i).matchAll(/^ - `"([^"`]*)"`/gm)].map((m) => m[1]);
  return values.length > 0 ? values : undefined;
}

function convert(node, enumNode) {
  const out = {};
  if (node.$ref) out.ref = node.$ref.slice(REF_PREFIX.length);
  const description = enumNode?.description ?? node.description;
  if (node.type) out.type = node.type;
  if (node.format) out.format = node.format;
  if (description) out.description = description;
  const en = enumNode?.enum ?? node.enum ?? enumFromDescription(description);
  if (en) out.enum = en;
  if (node.required) out.required = node.required;
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties)) out.properties[k] = convert(v, enumNode?.properties?.[k]);
  }
  if (node.items) out.items = convert(node.items, enumNode?.items);
  if (node.additionalProperties !== undefined) {
    out.additionalProperties = typeof node.additionalProperties === 'object' ? convert(node.additionalProperties, enumNode?.additionalProperties) : node.additionalProperties;
  }
  if (node['x-kubernetes-list-type']) out.listType = node['x-kubernetes-list-type'];
  if (node['x-kubernetes-list-map-keys']) out.listMapKeys = node['x-kubernetes-list-map-keys'];
  if (node['x-kubernetes-map-type']) out.mapType = node['x-kubernetes-map-type'];
  if (node['x-kubernetes-patch-merge-key']) out.patchMergeKey = node['x-kubernetes-patch-merge-key'];
  if (node['x-kubernetes-patch-strategy']) out.patchStrategy = node['x-kubernetes-patch-strategy'];
  if (node['x-kubernetes-unions']) out.unions = node['x-kubernetes-unions'];
  if (out.format === 'int-or-string') out.intOrString = true;
  return out;
}

const definitions = {};
const defaults = collectDefaults();
for (const [name, def] of Object.entries(swagger.definitions)) {
  const node = convert(def, enumsSpec.definitions?.[name]);
  if (name === QUANTITY) node.format = 'quantity';
  const gvk = def['x-kubernetes-group-version-kind'];
  if (gvk) node.gvk = gvk.map((g) => ({ group: g.group, version: g.version, kind: g.kind }));
  const d = defaults.get(name);
  if (d && node.properties) for (const [k, v] of Object.entries(d)) if (node.properties[k]) node.properties[k].default = v;
  definitions[name] = node;
}

// Primitive targets: copy their type/format onto referring nodes.
function inlinePrimitive(node) {
  if (!node || typeof node !== 'object') return;
  if (node.ref) {
    const target = definitions[node.ref];
    if (target && !target.properties && !target.additionalProperties && !target.items) {
      if (target.type && !node.type) node.type = target.type;
      if (target.format && !node.format) node.format = target.format;
      if (target.intOrString) node.intOrString = true;
    }
  }
  for (const p of Object.values(node.properties ?? {})) inlinePrimitive(p);
  if (node.items) inlinePrimitive(node.items);
  if (typeof node.additionalProperties === 'object') inlinePrimitive(node.additionalProperties);
}
for (const def of Object.values(definitions)) inlinePrimitive(def);

// Scope and servedness from the paths: a kind is namespaced when one of its
// resource paths contains /namespaces/{namespace}/.
const scope = new Map(); // "group/version/kind" -> boolean namespaced
for (const [path, item] of Object.entries(swagger.paths)) {
  for (const op of Object.values(item)) {
    const gvk = op?.['x-kubernetes-group-version-kind'];
    if (!gvk) continue;
    const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    const namespaced = path.includes('/namespaces/{namespace}/');
    scope.set(key, (scope.get(key) ?? false) || namespaced);
  }
}

const kinds = [];
for (const [name, def] of Object.entries(definitions)) {
  for (const g of def.gvk ?? []) {
    const key = `${g.group}/${g.version}/${g.kind}`;
    const entry = { group: g.group, version: g.version, kind: g.kind, definition: name };
    if (scope.has(key)) entry.namespaced = scope.get(key);
    kinds.push(entry);
  }
}
kinds.sort((a, b) => (a.group + '/' + a.version + '/' + a.kind).localeCompare(b.group + '/' + b.version + '/' + b.kind));

const out = { kubernetesVersion: KUBERNETES_VERSION, definitions, kinds };
mkdirSync(dirname(outFile), { recursive: true });
const json = JSON.stringify(out);
writeFileSync(outFile, json);
console.log(`gen-schema: wrote ${outFile} (${(json.length / 1024).toFixed(0)} KiB, ${Object.keys(definitions).length} definitions, ${kinds.length} kinds)`);
