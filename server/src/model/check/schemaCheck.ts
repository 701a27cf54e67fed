// Checks one Kubernetes object (a YAML map node) against its schema: unknown
// fields, wrong types, missing required fields, enum values, quantities, base64
// data. Values are judged the way the API server decodes
// them: null is "not set", int-or-string takes both, quantities take numbers too,
// objects without declared properties are free-form.
//
// Each problem carries the API server's own text (`apiText`) and the stage at
// which it refuses the object: decoding (strict field validation of
// sigs.k8s.io/json: `strict decoding error: unknown field "spec.foo"`, Go's
// `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas
// of type int32`, resource.Quantity's and base64's parse errors) or validation.
// Drydock's hint ("did you mean ...") follows the API server's text.

import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { closestMatch, deref, typeName, type SchemaNode } from '../../schema';
import { parseQuantity } from '../../k8s/quantity';
import { rangeOf, type LocalDiagnostic } from './localDiagnostic';
import { alternativeProblems, isCheckedFormat, ownConstraints, typeMatches } from './constraints';
import { yaml11Note } from '../yaml11';

export interface CheckOptions {
  /** Report missing required fields (off for kustomize patch files). */
  checkRequired: boolean;
  /** Built-in schemas treat "" as "unset" for enums (the API server defaults it). */
  builtin: boolean;
  /** Kind of the object, for messages in CRD schemas without definition names. */
  kind: string;
  /** The YAML document, to follow the aliases of `<<` merge keys. */
  doc?: Document;
}

/** A `<<` merge key (model/yaml11.ts: its scalar value is a symbol). */
function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && typeof pair.key.value === 'symbol';
}

/** resource.Quantity's parse error (apimachinery pkg/api/resource/quantity.go ErrFormatWrong). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** The JSON type name Go's decoder reports (`cannot unmarshal string into ...`). */
function jsonTypeOf(node: Node): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  const v = isScalar(node) ? node.value : undefined;
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'value';
}

/** The Go type of a schema node as the decoder names it (`int32`, `string`, `v1.PodSpec`, `[]v1.Container`). */
function goTypeOf(schema: SchemaNode, depth = 0): string {
  const d = deref(schema);
  if (schema.intOrString || d.intOrString) return 'intstr.IntOrString';
  const format = schema.format ?? d.format;
  if (format === 'quantity') return 'resource.Quantity';
  const ref = schema.ref;
  if (ref) {
    const parts = ref.split('.');
    return `${parts[parts.length - 2] ?? ''}.${parts[parts.length - 1]}`;
  }
  switch (schema.type ?? d.type) {
    case 'integer':
      return format === 'int64' ? 'int64' : 'int32';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'string':
      return format === 'byte' ? '[]uint8' : 'string';
    case 'array':
      return depth < 3 && d.items ? `[]${goTypeOf(d.items, depth + 1)}` : '[]interface {}';
    case 'object':
      return typeof d.additionalProperties === 'object' && depth < 3 ? `map[string]${goTypeOf(d.additionalProperties, depth + 1)}` : 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

/** Position of Go's base64 CorruptInputError for a value (first byte outside the alphabet, else the incomplete quantum). */
function base64ErrorByte(v: string): number {
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\r' || c === '\n') continue;
    if (!/[A-Za-z0-9+/=]/.test(c)) return i;
  }
  const compact = v.replace(/[\r\n]/g, '');
  const pad = compact.indexOf('=');
  if (pad >= 0 && pad < compact.length - 2) return pad;
  return Math.max(0, compact.length - (compact.length % 4 || 4));
}

type Path = Array<string | number>;

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

/** The path Go's decoder names a field by: JSON keys from the root, no indices (`spec.template.spec.containers.image`). */
function goFieldPath(path: Path): string {
  return path.filter((p) => typeof p === 'string').join('.');
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
  /** Go struct that holds the field being checked (for the decoder's type errors). */
  private ownerStruct = '';

  constructor(private readonly opts: CheckOptions) {}

  /**
   * One problem: the API server's text first, then Drydock's hint. `validate`
   * problems get their `The Kind "name" is invalid: ` prefix from resourceCheck.
   */
  private report(node: unknown, code: string, problem: { apiText: string; hint?: string; stage: 'decode' | 'validate'; field?: string }, data?: unknown): void {
    const r = rangeOf(node);
    if (!r) return;
    const message = problem.hint ? `${problem.apiText}. ${problem.hint}` : problem.apiText;
    this.out.push({ start: r[0], end: r[1], severity: 'error', code, message, data, stage: problem.stage, apiText: problem.apiText, ...(problem.field !== undefined ? { field: problem.field } : {}) });
  }

  /** A value of the wrong JSON type: the decoder's error for built-in kinds, the schema validator's for custom resources. */
  private wrongType(n: Node, schema: SchemaNode, path: Path, expected: string, hint: string): void {
    let apiText: string;
    if (this.opts.builtin) {
      apiText = `json: cannot unmarshal ${jsonTypeOf(n)} into Go struct field ${this.ownerStruct || this.opts.kind}.${goFieldPath(path)} of type ${goTypeOf(schema)}`;
    } else {
      const field = pathLabel(path);
      const v = isScalar(n) ? n.value : undefined;
      const shown = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? JSON.stringify(v) : jsonTypeOf(n) === 'object' ? '"object"' : '"array"';
      apiText = `${field}: Invalid value: ${shown}: ${field} in body must be of type ${expected}: ${shown}`;
    }
    const yaml11 = yaml11Note(n);
    if (yaml11) hint = `${hint} ${yaml11}`;
    this.report(n, 'wrong-type', { apiText, hint, stage: this.opts.builtin ? 'decode' : 'validate', field: pathLabel(path) }, { expected });
  }

  /**
   * Checks `node` (the value at `path`) against `schema`. `anchor` is where missing-field
   * errors go. `path` is the walk's one working stack (children push and pop): a report
   * that keeps it copies it.
   */
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
        this.wrongType(n, schema, path, 'integer or string', `Expected an integer or a string for "${fieldName(path)}", got ${describe(n)}.`);
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
          this.wrongType(n, schema, path, 'object', `Expected an object for "${fieldName(path)}", got ${describe(n)}.`);
          return;
        }
        this.checkMap(n, schema, d, path, anchor);
        return;
      case 'array':
        if (!isSeq(n)) {
          this.wrongType(n, schema, path, 'array', `Expected a list for "${fieldName(path)}", got ${describe(n)}.`);
          return;
        }
        if (d.items) {
          for (let i = 0; i < n.items.length; i++) {
            const item = n.items[i];
            const firstKey = isMap(item) ? item.items[0]?.key : undefined;
            path.push(i);
            this.check(item, d.items, path, firstKey ?? item);
            path.pop();
          }
        }
        return;
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        this.checkScalar(n, schema, type, format, path);
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
    for (const p of problems) this.report(at, 'invalid-value', { apiText: `${pathLabel(path) || this.opts.kind}: ${p}`, stage: 'validate', field: pathLabel(path) });
  }

  private checkScalar(n: Node, schema: SchemaNode, type: string, format: string | undefined, path: Path): void {
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
      this.wrongType(n, schema, path, type, `Expected ${expected} for "${fieldName(path)}", got ${describe(n)}.${hint}`);
      return;
    }
    if (format === 'byte' && typeof v === 'string') {
      const compact = v.replace(/[\r\n]/g, '');
      if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
        this.report(n, 'invalid-value', { apiText: `illegal base64 data at input byte ${base64ErrorByte(v)}`, hint: `"${fieldName(path)}" must be base64-encoded (use stringData for plain text)`, stage: 'decode' });
      }
    }
  }

  private checkQuantity(n: Node, path: Path): void {
    const v = isScalar(n) ? n.value : undefined;
    if (typeof v === 'number') return;
    if (typeof v !== 'string') {
      this.report(n, 'wrong-type', { apiText: QUANTITY_FORMAT_ERROR, hint: `Expected a quantity for "${fieldName(path)}", got ${describe(n)}.`, stage: 'decode' }, { expected: 'quantity' });
      return;
    }
    if (parseQuantity(v) === undefined) {
      this.report(n, 'invalid-quantity', { apiText: QUANTITY_FORMAT_ERROR, hint: `Invalid quantity "${v}" for "${fieldName(path)}": expected a number with an optional suffix (e.g. 500m, 2, 1.5, 128Mi, 1Gi, 1e3).`, stage: 'decode' });
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
    const field = pathLabel(path);
    this.report(
      n,
      'invalid-enum',
      {
        apiText: `${field}: Unsupported value: ${JSON.stringify(v)}: supported values: ${strings.map((a) => JSON.stringify(a)).join(', ')}`,
        hint: `Allowed: ${shown}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        stage: 'validate',
        field,
      },
      { allowed: strings, ...(suggestion ? { suggestion } : {}) },
    );
  }

  /**
   * The pairs kubectl reads in a map that has `<<` merge keys: its own pairs, then
   * the pairs the merges bring in (keys the map does not set; an earlier source wins
   * over a later one). `own` counts the map's own pairs, which come first.
   */
  private withMerges(map: YAMLMap): { pairs: Pair[]; own: number } {
    const own = map.items.filter((p) => !isMergePair(p)) as Pair[];
    const taken = new Set(own.map(keyString));
    const pairs = [...own];
    for (const pair of map.items) {
      if (!isMergePair(pair)) continue;
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const s of sources) {
        const source = isAlias(s) && this.opts.doc ? s.resolve(this.opts.doc) : s;
        if (!isMap(source)) continue;
        for (const p of source.items as Pair[]) {
          const k = keyString(p);
          if (k === undefined || taken.has(k)) continue;
          taken.add(k);
          pairs.push(p);
        }
      }
    }
    return { pairs, own: own.length };
  }

  private checkMap(map: YAMLMap, schema: SchemaNode, d: SchemaNode, path: Path, anchor: unknown): void {
    const props = d.properties;
    const additional = d.additionalProperties;
    const free = d.preserveUnknownFields || schema.preserveUnknownFields || !props || additional === true || (typeof additional === 'object');
    const struct = typeName(schema);
    // Only read when reporting: built per map, the label was a string per mapping of the workspace.
    const owner = () => struct ?? (path.length === 0 ? this.opts.kind : `${this.opts.kind} ${pathLabel(path)}`);
    const required = this.opts.checkRequired && d.required && path[0] !== 'status' ? d.required : undefined;
    const seen = required ? new Set<string>() : undefined;
    // The common map has no merge key: its items, with no list built.
    const { pairs, own } = map.items.some(isMergePair) ? this.withMerges(map) : { pairs: map.items as Pair[], own: map.items.length };
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      const key = keyString(pair);
      if (key === undefined) continue;
      seen?.add(key);
      // A merged pair is checked where it is written (its anchor); here it only counts as set.
      if (i >= own) continue;
      const sub = props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : typeof additional === 'object' ? additional : undefined;
      if (!sub) {
        if (!free && !(d.embeddedResource && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
          const suggestion = closestMatch(key, Object.keys(props!));
          const field = pathLabel([...path, key]);
          this.report(
            pair.key,
            'unknown-field',
            { apiText: `strict decoding error: unknown field "${field}"`, hint: `Unknown field "${key}" in ${owner()}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, stage: 'decode', field },
            suggestion ? { suggestion } : {},
          );
        }
        continue;
      }
      this.ownerStruct = struct ?? '';
      path.push(key);
      this.check(pair.value, sub, path, pair.key);
      path.pop();
    }
    // `status` is written by controllers, not authors; its required fields are theirs to fill.
    if (required && seen) {
      for (const r of required) {
        if (seen.has(r)) continue;
        const field = pathLabel([...path, r]);
        this.report(anchor ?? map, 'missing-required', { apiText: `${field}: Required value`, hint: `Missing required field "${r}" in ${owner()}.`, stage: 'validate', field }, { field: r, parentPath: path.slice() });
      }
    }
  }
}
