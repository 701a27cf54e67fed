// Checks one Kubernetes object (a YAML map node) against its schema: unknown
// fields, wrong types, missing required fields, enum values, quantities, base64
// data and label keys/values. Values are judged the way the API server decodes
// them: null is "not set", int-or-string takes both, quantities take numbers too,
// objects without declared properties are free-form.

import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { closestMatch, deref, typeName, type SchemaNode } from '../../schema';
import { parseQuantity } from '../../k8s/quantity';
import { validateLabelKey, validateLabelValue } from '../../k8s/names';
import { rangeOf, type LocalDiagnostic } from './types';
import { alternativeProblems, isCheckedFormat, ownConstraints, typeMatches } from './constraints';

export interface CheckOptions {
  /** Report missing required fields (off for kustomize patch files). */
  checkRequired: boolean;
  /** Built-in schemas treat "" as "unset" for enums (the API server defaults it). */
  builtin: boolean;
  /** Kind of the object, for messages in CRD schemas without definition names. */
  kind: string;
}

type Path = Array<string | number>;

/** Definition properties whose values are label maps (keys and values validated as labels). */
const LABEL_MAPS: Record<string, string[]> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': ['labels'],
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': ['matchLabels'],
  'io.k8s.api.core.v1.ServiceSpec': ['selector'],
  'io.k8s.api.core.v1.PodSpec': ['nodeSelector'],
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function describe(node: Node): string {
  if (isMap(node)) return 'an object';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `string "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
    if (typeof v === 'number' || typeof v === 'bigint') return `number ${String(v)}`;
    if (typeof v === 'boolean') return `boolean ${v}`;
  }
  return 'a value';
}

function pathLabel(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return pathLabel(path.slice(i));
  return pathLabel(path);
}

function keyString(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number' || typeof k.value === 'boolean')) return String(k.value);
  return undefined;
}

export class SchemaChecker {
  readonly out: LocalDiagnostic[] = [];

  constructor(private readonly opts: CheckOptions) {}

  private report(node: unknown, code: string, message: string, data?: unknown, severity: LocalDiagnostic['severity'] = 'error'): void {
    const r = rangeOf(node);
    if (!r) return;
    this.out.push({ start: r[0], end: r[1], severity, code, message, data });
  }

  /** Checks `node` (the value at `path`) against `schema`. `anchor` is where missing-field errors go. */
  check(node: unknown, schema: SchemaNode, path: Path, anchor: unknown): void {
    if (node === null || node === undefined || isAlias(node)) return;
    if (isScalar(node) && node.value === null) return; // `key:` / `key: null` = not set
    const d = deref(schema);
    const type = schema.type ?? d.type;
    const format = schema.format ?? d.format;
    const n = node as Node;
    this.checkConstraints(n, schema, path, anchor);
    if (d !== schema) this.checkConstraints(n, d, path, anchor);

    if (schema.intOrString || d.intOrString) {
      const v = isScalar(n) ? n.value : undefined;
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
        this.report(n, 'wrong-type', `Expected an integer or a string for "${fieldName(path)}", got ${describe(n)}.`, { expected: 'integer or string' });
      }
      this.checkEnum(n, schema, d, path);
      return;
    }
    if (format === 'quantity') {
      this.checkQuantity(n, path);
      return;
    }
    switch (type) {
      case 'object':
        if (!isMap(n)) {
          this.report(n, 'wrong-type', `Expected an object for "${fieldName(path)}", got ${describe(n)}.`, { expected: 'object' });
          return;
        }
        this.checkMap(n, schema, d, path, anchor);
        return;
      case 'array':
        if (!isSeq(n)) {
          this.report(n, 'wrong-type', `Expected a list for "${fieldName(path)}", got ${describe(n)}.`, { expected: 'array' });
          return;
        }
        if (d.items) {
          n.items.forEach((item, i) => {
            const firstKey = isMap(item) ? item.items[0]?.key : undefined;
            this.check(item, d.items!, [...path, i], firstKey ?? item);
          });
        }
        return;
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        this.checkScalar(n, type, format, path);
        this.checkEnum(n, schema, d, path);
        return;
      default:
        if (d.properties && isMap(n)) this.checkMap(n, schema, d, path, anchor);
        else this.checkEnum(n, schema, d, path);
    }
  }

  /** pattern, bounds, lengths, counts, formats and anyOf/oneOf of one schema node (CRD schemas). */
  private checkConstraints(n: Node, s: SchemaNode, path: Path, anchor: unknown): void {
    if (s.pattern === undefined && s.minimum === undefined && s.maximum === undefined && typeof s.exclusiveMinimum !== 'number' && typeof s.exclusiveMaximum !== 'number'
      && s.minLength === undefined && s.maxLength === undefined && s.minItems === undefined && s.maxItems === undefined
      && s.minProperties === undefined && s.maxProperties === undefined && !s.anyOf && !s.oneOf && !(s.format && isCheckedFormat(s.format))) return;
    if (!typeMatches(n, s)) return; // reported as wrong-type
    const problems = ownConstraints(n, s).problems;
    problems.push(...alternativeProblems(n, s));
    // Scalars are marked on the value; objects and lists on their key (a whole block is unreadable).
    const at = isScalar(n) || !anchor ? n : anchor;
    for (const p of problems) this.report(at, 'invalid-value', `${pathLabel(path) || this.opts.kind}: ${p}`);
  }

  private checkScalar(n: Node, type: string, format: string | undefined, path: Path): void {
    const v = isScalar(n) ? n.value : undefined;
    let ok: boolean;
    switch (type) {
      case 'string':
        ok = typeof v === 'string';
        break;
      case 'integer':
        ok = (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
        break;
      case 'number':
        ok = typeof v === 'number' || typeof v === 'bigint';
        break;
      default:
        ok = typeof v === 'boolean';
    }
    if (!ok) {
      const expected = type === 'string' ? 'a string' : type === 'integer' ? 'an integer' : type === 'number' ? 'a number' : 'a boolean (true or false)';
      const hint = type === 'string' && isScalar(n) && (typeof v === 'number' || typeof v === 'boolean') ? ' Quote the value.' : '';
      this.report(n, 'wrong-type', `Expected ${expected} for "${fieldName(path)}", got ${describe(n)}.${hint}`, { expected: type });
      return;
    }
    if (format === 'byte' && typeof v === 'string') {
      const compact = v.replace(/[\r\n]/g, '');
      if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
        this.report(n, 'invalid-value', `"${fieldName(path)}" must be base64-encoded (use stringData for plain text).`);
      }
    }
  }

  private checkQuantity(n: Node, path: Path): void {
    const v = isScalar(n) ? n.value : undefined;
    if (typeof v === 'number') return;
    if (typeof v !== 'string') {
      this.report(n, 'wrong-type', `Expected a quantity for "${fieldName(path)}", got ${describe(n)}.`, { expected: 'quantity' });
      return;
    }
    if (parseQuantity(v) === undefined) {
      this.report(n, 'invalid-quantity', `Invalid quantity "${v}" for "${fieldName(path)}": expected a number with an optional suffix (e.g. 500m, 2, 1.5, 128Mi, 1Gi, 1e3).`);
    }
  }

  private checkEnum(n: Node, schema: SchemaNode, d: SchemaNode, path: Path): void {
    const allowed = schema.enum ?? d.enum;
    if (!allowed || !isScalar(n)) return;
    const v = (n as Scalar).value;
    if (allowed.some((a) => a === v)) return;
    if (this.opts.builtin && v === '') return;
    if (typeof v === 'object' && v !== null) return;
    const strings = allowed.map((a) => String(a));
    const suggestion = typeof v === 'string' ? closestMatch(v, strings) : undefined;
    const shown = strings.length > 12 ? `${strings.slice(0, 12).join(', ')}, …` : strings.join(', ');
    this.report(n, 'invalid-enum', `Invalid value ${JSON.stringify(v)} for "${fieldName(path)}". Allowed: ${shown}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, {
      allowed: strings,
      ...(suggestion ? { suggestion } : {}),
    });
  }

  private checkMap(map: YAMLMap, schema: SchemaNode, d: SchemaNode, path: Path, anchor: unknown): void {
    const props = d.properties;
    const additional = d.additionalProperties;
    const free = d.preserveUnknownFields || schema.preserveUnknownFields || !props || additional === true || (typeof additional === 'object');
    const owner = typeName(schema) ?? (path.length === 0 ? this.opts.kind : `${this.opts.kind} ${pathLabel(path)}`);
    const labelProps = schema.ref ? LABEL_MAPS[schema.ref] : undefined;
    const seen = new Set<string>();
    for (const pair of map.items) {
      const key = keyString(pair);
      if (key === undefined || key === '<<') continue;
      seen.add(key);
      const sub = props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : typeof additional === 'object' ? additional : undefined;
      if (!sub) {
        if (!free && !(d.embeddedResource && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
          const suggestion = closestMatch(key, Object.keys(props!));
          this.report(pair.key, 'unknown-field', `Unknown field "${key}" in ${owner}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, suggestion ? { suggestion } : {});
        }
        continue;
      }
      this.check(pair.value, sub, [...path, key], pair.key);
      if (labelProps?.includes(key) && isMap(pair.value)) this.checkLabels(pair.value);
    }
    // `status` is written by controllers, not authors; its required fields are theirs to fill.
    if (this.opts.checkRequired && d.required && path[0] !== 'status') {
      for (const r of d.required) {
        if (seen.has(r)) continue;
        this.report(anchor ?? map, 'missing-required', `Missing required field "${r}" in ${owner}.`, { field: r, parentPath: path });
      }
    }
  }

  private checkLabels(map: YAMLMap): void {
    for (const pair of map.items) {
      const key = keyString(pair);
      if (key === undefined) continue;
      const keyProblem = validateLabelKey(key);
      if (keyProblem) this.report(pair.key, 'invalid-label-key', `Invalid label key "${key}": ${keyProblem}.`);
      const v = pair.value;
      if (isScalar(v) && typeof v.value === 'string') {
        const valueProblem = validateLabelValue(v.value);
        if (valueProblem) this.report(v, 'invalid-label-value', `Invalid label value "${v.value}": ${valueProblem}.`);
      }
    }
  }
}
