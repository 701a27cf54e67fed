// Value constraints of CRD schemas (openAPIV3Schema): pattern, minimum/maximum,
// lengths, item and property counts, a few safe formats, and whether a value
// matches anyOf/oneOf alternatives. Works on YAML nodes, never throws.
//
// Being wrong costs a false error, so judgements are three-valued: an alternative
// with keywords this module does not evaluate (CEL rules, `not`, uniqueItems, a
// Go-only regular expression, ...) can be proven *not* to match, never to match.

import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { SchemaNode } from '../../schema';

/** Match result: true, false, or undefined = cannot tell. */
export type Judgement = boolean | undefined;

const MAX_DEPTH = 64;
/** Longer strings are not matched against user regular expressions (backtracking cost). */
const MAX_PATTERN_INPUT = 4096;

/** Pure cache: a schema pattern -> its compiled RegExp (flag `u` only, so no lastIndex state), null when invalid. */
const patternCache = new Map<string, RegExp | null>();

/**
 * The pattern as a JS RegExp, or null when it does not compile as ECMAScript (the API
 * server uses Go's RE2 syntax). Unicode mode rejects unknown escapes (`\z`, `\pL`), so
 * they are skipped instead of silently meaning a literal letter; POSIX classes
 * (`[[:alpha:]]`) compile in JS with another meaning and are skipped too.
 */
export function compilePattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re !== undefined) return re;
  re = null;
  if (!/\[:\^?[a-z]+:\]/.test(pattern)) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
  }
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(pattern, re);
  return re;
}

const FORMATS: Record<string, RegExp> = {
  ipv4: /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d|0\d{1,2})(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d|0\d{1,2})){3}$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
};
export function isCheckedFormat(format: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORMATS, format);
}

/** Formats that never restrict a value of the declared type (or are checked elsewhere). */
const NEUTRAL_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'password', 'int-or-string', 'quantity']);

function pairKey(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number' || typeof k.value === 'boolean')) return String(k.value);
  return undefined;
}

function isNullNode(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && n.value === null);
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function show(v: string): string {
  return JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v);
}

export interface OwnConstraints {
  /** Problems found, as message tails ("must be >= 1 (got 0)"). */
  problems: string[];
  /** Some keyword could not be evaluated (pattern that does not compile, unknown format). */
  unsure: boolean;
}

/** The node's own value keywords (not anyOf/oneOf), each applied only to values of its JSON type. */
export function ownConstraints(n: Node, s: SchemaNode): OwnConstraints {
  const problems: string[] = [];
  let unsure = false;
  if (isScalar(n) && typeof n.value === 'string') {
    const v = n.value;
    if (s.minLength !== undefined || s.maxLength !== undefined) {
      const len = [...v].length; // the API server counts characters (runes), not UTF-16 units
      if (s.minLength !== undefined && len < s.minLength) problems.push(`must be at least ${plural(s.minLength, 'character')} long (got ${len})`);
      if (s.maxLength !== undefined && len > s.maxLength) problems.push(`must be at most ${plural(s.maxLength, 'character')} long (got ${len})`);
    }
    if (s.pattern !== undefined) {
      const re = compilePattern(s.pattern);
      if (!re || v.length > MAX_PATTERN_INPUT) unsure = true;
      else if (!re.test(v)) problems.push(`${show(v)} does not match pattern ${s.pattern}`);
    }
    if (s.format) {
      const f = FORMATS[s.format];
      if (f) {
        if (!f.test(v)) problems.push(`${show(v)} is not a valid ${s.format}`);
      } else if (!NEUTRAL_FORMATS.has(s.format)) unsure = true;
    }
  } else if (isScalar(n) && typeof n.value === 'number' && Number.isFinite(n.value)) {
    const v = n.value;
    const exMin = s.exclusiveMinimum;
    const exMax = s.exclusiveMaximum;
    if (s.minimum !== undefined) {
      if (exMin === true ? v <= s.minimum : v < s.minimum) problems.push(`must be ${exMin === true ? '>' : '>='} ${s.minimum} (got ${v})`);
    }
    if (typeof exMin === 'number' && v <= exMin) problems.push(`must be > ${exMin} (got ${v})`);
    if (s.maximum !== undefined) {
      if (exMax === true ? v >= s.maximum : v > s.maximum) problems.push(`must be ${exMax === true ? '<' : '<='} ${s.maximum} (got ${v})`);
    }
    if (typeof exMax === 'number' && v >= exMax) problems.push(`must be < ${exMax} (got ${v})`);
  } else if (isSeq(n)) {
    const c = n.items.length;
    if (s.minItems !== undefined && c < s.minItems) problems.push(`must have at least ${plural(s.minItems, 'item')} (got ${c})`);
    if (s.maxItems !== undefined && c > s.maxItems) problems.push(`must have at most ${plural(s.maxItems, 'item')} (got ${c})`);
  } else if (isMap(n)) {
    // `key: null` is dropped by the API server before validation.
    const c = n.items.filter((p) => !isNullNode(p.value)).length;
    if (s.minProperties !== undefined && c < s.minProperties) problems.push(`must have at least ${plural(s.minProperties, 'property', 'properties')} (got ${c})`);
    if (s.maxProperties !== undefined && c > s.maxProperties) problems.push(`must have at most ${plural(s.maxProperties, 'property', 'properties')} (got ${c})`);
  }
  return { problems, unsure };
}

/** Whether the value's JSON type is the schema's `type` (undefined type = any). */
export function typeMatches(n: Node, s: SchemaNode): boolean {
  const v = isScalar(n) ? n.value : undefined;
  if (s.intOrString) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  switch (s.type) {
    case undefined:
      return true;
    case 'object':
      return isMap(n);
    case 'array':
      return isSeq(n);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return false;
  }
}

/** Combines conjunct results: any false = false, else any unknown = unknown. */
function and(results: Judgement[]): Judgement {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

/** Whether `n` matches schema `s`, judged by the keywords this module knows. */
export function matches(n: unknown, s: SchemaNode, depth = 0): Judgement {
  if (depth > MAX_DEPTH || isAlias(n) || s.ref) return undefined;
  if (isNullNode(n)) return s.nullable ? true : undefined;
  const node = n as Node;
  const results: Judgement[] = [s.unchecked ? undefined : true];
  if ((s.type !== undefined || s.intOrString) && !typeMatches(node, s)) return false;
  if (s.enum && isScalar(node) && !s.enum.some((a) => a === node.value)) return false;
  const own = ownConstraints(node, s);
  if (own.problems.length > 0) return false;
  if (own.unsure) results.push(undefined);
  if (isMap(node)) {
    const present = new Set<string>();
    for (const pair of node.items) {
      const key = pairKey(pair);
      if (key === undefined) {
        results.push(undefined);
        continue;
      }
      if (isNullNode(pair.value)) continue;
      present.add(key);
      const sub = s.properties && Object.prototype.hasOwnProperty.call(s.properties, key) ? s.properties[key] : typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
      if (sub) results.push(matches(pair.value, sub, depth + 1));
    }
    // The API server fills in defaults before validating: an absent defaulted field is there, with a value not judged here.
    for (const [key, sub] of Object.entries(s.properties ?? {})) {
      if (present.has(key) || sub.default === undefined || sub.default === null) continue;
      present.add(key);
      results.push(undefined);
    }
    if (s.required?.some((r) => !present.has(r))) return false;
  } else if (isSeq(node) && s.items) {
    for (const item of node.items) results.push(matches(item, s.items, depth + 1));
  }
  if ((s.anyOf || s.oneOf) && absentDefaults(node, s)) results.push(undefined);
  else {
    if (s.anyOf) results.push(anyOf(node, s.anyOf, depth + 1));
    if (s.oneOf) results.push(oneOf(node, s.oneOf, depth + 1).judgement);
  }
  if (s.allOf) results.push(and(s.allOf.map((a) => matches(node, a, depth + 1))));
  return and(results);
}

function anyOf(n: Node, alternatives: SchemaNode[], depth: number): Judgement {
  const r = alternatives.map((a) => matches(n, a, depth));
  if (r.includes(true)) return true;
  return r.includes(undefined) ? undefined : false;
}

function oneOf(n: Node, alternatives: SchemaNode[], depth: number): { judgement: Judgement; matched: number } {
  const r = alternatives.map((a) => matches(n, a, depth));
  const matched = r.filter((x) => x === true).length;
  if (matched > 1) return { judgement: false, matched };
  if (r.includes(undefined)) return { judgement: undefined, matched };
  return { judgement: matched === 1, matched };
}

/** Alternatives that only list required fields: "exactly one of a, b" reads better than "2 alternatives". */
function requiredOnly(alternatives: SchemaNode[]): string[] | undefined {
  const names: string[] = [];
  for (const a of alternatives) {
    const keys = Object.keys(a).filter((k) => k !== 'description');
    if (keys.length !== 1 || keys[0] !== 'required' || a.required?.length !== 1) return undefined;
    names.push(a.required[0]);
  }
  return names;
}

/**
 * Whether an object lacks a field its schema defaults: the API server fills it in before
 * judging anyOf/oneOf (Gateway addresses: absent `type` is IPAddress), so alternatives
 * cannot be judged on the value as written.
 */
function absentDefaults(n: Node, s: SchemaNode): boolean {
  if (!isMap(n) || !s.properties) return false;
  for (const [key, sub] of Object.entries(s.properties)) {
    if (sub.default === undefined || sub.default === null) continue;
    if (!n.items.some((p) => pairKey(p) === key && !isNullNode(p.value))) return true;
  }
  return false;
}

/** anyOf/oneOf problems of `n` as message tails; [] when it matches or when unsure. */
export function alternativeProblems(n: Node, s: SchemaNode): string[] {
  const out: string[] = [];
  if (absentDefaults(n, s)) return out;
  if (s.anyOf && s.anyOf.length > 0 && anyOf(n, s.anyOf, 1) === false) {
    const req = requiredOnly(s.anyOf);
    out.push(req ? `must set at least one of ${req.join(', ')}` : `does not match any of the ${s.anyOf.length} allowed alternatives (anyOf)`);
  }
  if (s.oneOf && s.oneOf.length > 0) {
    const { judgement, matched } = oneOf(n, s.oneOf, 1);
    if (judgement === false) {
      const req = requiredOnly(s.oneOf);
      if (req) out.push(`must set exactly one of ${req.join(', ')}${matched > 1 ? ` (${matched} are set)` : ''}`);
      else out.push(matched > 1 ? `must match exactly one of the ${s.oneOf.length} alternatives (oneOf), but matches ${matched}` : `does not match any of the ${s.oneOf.length} alternatives (oneOf)`);
    }
  }
  return out;
}
