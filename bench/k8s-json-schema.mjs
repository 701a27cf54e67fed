// Builds the Kubernetes JSON schema that the reference server (Red Hat's
// yaml-language-server) validates against, locally from the bundled OpenAPI v2
// swagger.json - no network. It mirrors what yaml-language-server's `kubernetes`
// keyword downloads (yannh/kubernetes-json-schema `*-standalone-strict/all.json`):
// one `oneOf` over every top-level kind, each kind pinned by `apiVersion`/`kind`
// enums, objects closed with `additionalProperties: false`, int-or-string and
// Quantity accepting numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function transform(node) {
  if (Array.isArray(node)) return node.map(transform);
  if (!node || typeof node !== 'object') return node;
  if (node.type === 'string' && node.format === 'int-or-string') {
    const { type: _t, format: _f, ...rest } = node;
    return { ...rest, oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // `properties` maps field names to schemas: never treat a field named "format" or "type" as a keyword.
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v).map(([f, s]) => [f, transform(s)]));
    } else out[k] = transform(v);
  }
  if (out.properties && out.additionalProperties === undefined && (out.type === 'object' || out.type === undefined)) {
    out.additionalProperties = false;
  }
  return out;
}

/** The all-kinds schema object built from a swagger.json path. */
export function buildAllKindsSchema(swaggerPath) {
  const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8'));
  const definitions = {};
  const kinds = [];
  for (const [name, def] of Object.entries(swagger.definitions)) {
    let d = transform(def);
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') {
      const { type: _t, ...rest } = d;
      d = { ...rest, oneOf: [{ type: 'string' }, { type: 'number' }] };
    }
    const gvks = def['x-kubernetes-group-version-kind'];
    if (Array.isArray(gvks) && gvks.length === 1 && d.properties?.kind && d.properties?.apiVersion) {
      const { group, version, kind } = gvks[0];
      d.properties.apiVersion = { ...d.properties.apiVersion, enum: [group ? `${group}/${version}` : version] };
      d.properties.kind = { ...d.properties.kind, enum: [kind] };
      d.required = [...new Set([...(d.required ?? []), 'apiVersion', 'kind'])];
      kinds.push(name);
    }
    definitions[name] = d;
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    description: 'Kubernetes v1.36, all kinds (generated from swagger.json for the benchmark)',
    oneOf: kinds.map((k) => ({ $ref: `#/definitions/${k}` })),
    definitions,
  };
}

/** Writes `all.json` into `dir` and returns its path. */
export function writeAllKindsSchema(swaggerPath, dir) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'all.json');
  writeFileSync(path, JSON.stringify(buildAllKindsSchema(swaggerPath)));
  return path;
}
