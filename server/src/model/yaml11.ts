// Reading YAML the way kubectl does. kubectl converts YAML to JSON with
// sigs.k8s.io/yaml, which parses with go-yaml v2: YAML 1.1 scalars, not the
// YAML 1.2 core schema. Where the two disagree kubectl's reading is what the API
// server receives, so it is the one the model holds; a warning says so.
//
// The plain (unquoted, untagged) scalars that differ, as go-yaml v2 resolve.go
// reads them into an interface{} (sigs.k8s.io/yaml's YAMLToJSON):
//   - booleans: y Y yes Yes YES on On ON / n N no No NO off Off OFF;
//   - integers: strconv.ParseInt(s, 0, 64) after removing every `_`, so a
//     leading 0 is octal (`0644` = 420), `0b1010` binary, `1_000` = 1000, and
//     a sign is allowed before a prefix (`-0x1F`);
//   - floats: with `_` removed (`1_000.5`);
//   - map keys resolve the same way and become JSON keys: `yes:` is "true",
//     `0644:` is "420";
//   - `<<` merges a mapping (or a list of them) into the one holding it.
// Timestamps stay strings (go-yaml v2 keeps their text when decoding into an
// interface{}), sexagesimal numbers (`1:20`) are strings: the same as YAML 1.2.

import { isScalar, Scalar, Schema, type ScalarTag } from 'yaml';
import type { YamlProblem } from './document';

/** The tag list a Schema's customTags function maps (the library does not export its name). */
type Tags = Parameters<Extract<NonNullable<ConstructorParameters<typeof Schema>[0]['customTags']>, (tags: never) => unknown>>[0];

// A Map, not an object literal: `constructor`, `toString` or `__proto__` must stay strings.
const GO_BOOL: ReadonlyMap<string, boolean> = new Map(Object.entries({
  true: true, True: true, TRUE: true, false: false, False: false, FALSE: false,
  y: true, Y: true, yes: true, Yes: true, YES: true, on: true, On: true, ON: true,
  n: false, N: false, no: false, No: false, NO: false, off: false, Off: false, OFF: false,
}));
/** Plain decimals both schemas read as the same number (most numbers in manifests: ports, replicas). */
const SAME_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64) syntax (underscores already removed). */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2 `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function goInteger(plain: string): number | undefined {
  const m = GO_INT.exec(plain);
  if (!m) return undefined;
  const body = m[2];
  const radix = /^0[xX]/.test(body) ? 16 : /^0[oO]/.test(body) ? 8 : /^0[bB]/.test(body) ? 2 : body.length > 1 && body[0] === '0' ? 8 : 10;
  const digits = radix === 10 ? body : radix === 8 && /^0[0-7]/.test(body) ? body.slice(1) : body.slice(2);
  let n = 0n;
  for (const d of digits === '' ? '0' : digits) n = n * BigInt(radix) + BigInt(parseInt(d, 16));
  const negative = m[1] === '-';
  // ParseInt's int64 range; ParseUint (no sign) up to uint64; beyond, the float path.
  if (negative ? n > INT64_MAX + 1n : n > (m[1] === '' ? UINT64_MAX : INT64_MAX)) return undefined;
  return Number(negative ? -n : n);
}

/**
 * What go-yaml v2 reads a plain scalar as, when it is a boolean or a number
 * (undefined: a string, null, or one of the special floats YAML 1.2 reads alike).
 */
export function goYamlScalar(source: string): boolean | number | undefined {
  const b = GO_BOOL.get(source);
  if (b !== undefined) return b;
  const first = source.charCodeAt(0); // NaN for ''
  if (first === 46 /* . */) return DOT_FLOAT.test(source) ? Number(source) : undefined;
  if (!((first >= 48 && first <= 57) || first === 43 /* + */ || first === 45) /* - */) return undefined;
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  const int = goInteger(plain);
  if (int !== undefined) return int;
  return YAML_STYLE_FLOAT.test(plain) ? Number(plain) : undefined;
}

/** The YAML 1.2 core schema as the `yaml` library implements it (reference for what differs). */
const CORE = new Schema({ schema: 'core' });

/** What the YAML 1.2 core schema reads a plain scalar as. */
function coreScalar(source: string): unknown {
  for (const tag of CORE.tags) {
    if (tag.default !== true || !('test' in tag) || !tag.test?.test(source)) continue;
    const value = (tag as ScalarTag).resolve(source, () => undefined, {});
    return isScalar(value) ? value.value : value; // the float tag answers with a node
  }
  return source;
}

/** go-yaml v2's reading of a plain scalar when it differs from YAML 1.2's, else undefined. */
export function yaml11Difference(source: string): boolean | number | undefined {
  if (SAME_DECIMAL.test(source)) return undefined;
  const go = goYamlScalar(source);
  if (go === undefined) return undefined;
  const core = coreScalar(source);
  return core === go || (typeof core === 'number' && Number.isNaN(core) && Number.isNaN(go)) ? undefined : go;
}

/** A RegExp whose test() is a predicate: the `yaml` library picks a plain scalar's tag with `tag.test.test(source)`. */
function predicate(fn: (source: string) => boolean): RegExp {
  const re = /(?:)/;
  re.test = fn;
  return re;
}

// The tags resolve only the scalars go-yaml reads differently (the core tags read the rest alike).
// No `identify`: stringifying keeps using the core tags.
const YAML11_BOOL: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  test: predicate((s) => GO_BOOL.has(s)),
  resolve: (s) => GO_BOOL.get(s),
};
const YAML11_NUMBER: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: predicate((s) => typeof yaml11Difference(s) === 'number'),
  resolve: (s) => goYamlScalar(s),
};

/** First characters of the words either schema reads as booleans or null (true/false, yes/no, on/off, y/n, null). */
const WORD_STARTS = new Set([...'tfynoTFYNO'].map((c) => c.charCodeAt(0)));

/**
 * Plain scalars no tag reads as anything but a string: those starting with an ASCII
 * letter other than the first letters of the boolean and null words (numbers start
 * with a digit, a sign or a dot; `~`, `<<` and the empty scalar with neither). The
 * library tries a plain scalar against every default tag in order, ten regular
 * expressions for a string; this tag, tried first, answers for most strings at once
 * (`nginx`, `ClusterIP`, `app.kubernetes.io/name`) with the core str tag's value.
 */
const PLAIN_STRING: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  test: predicate((s) => {
    const c = s.charCodeAt(0);
    return ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && !WORD_STARTS.has(c);
  }),
  resolve: (s) => s,
};

/** The tag list of kubectl's reading: go-yaml v2's booleans and numbers before the core tags. */
const kubectlTags = (tags: Tags): Tags => [YAML11_BOOL, YAML11_NUMBER, ...tags];

/**
 * kubectl's reading of YAML: the core schema with go-yaml v2's booleans and
 * numbers taking precedence, and `<<` merge keys. One instance shared by every
 * document (nothing mutates a parsed document's schema).
 */
export const KUBECTL_SCHEMA = new Schema({ resolveKnownTags: true, schema: 'core', merge: true, customTags: (tags) => [PLAIN_STRING, ...kubectlTags(tags)] });

/** KUBECTL_SCHEMA without the PLAIN_STRING shortcut: the reference its tests compare with. */
export const KUBECTL_SCHEMA_REFERENCE = new Schema({ resolveKnownTags: true, schema: 'core', merge: true, customTags: kubectlTags });

/** A plain scalar whose value came from YAML 1.1 (it reads otherwise in YAML 1.2). */
function isYaml11Scalar(node: unknown): node is Scalar & { source: string } {
  if (!isScalar(node) || node.type !== Scalar.PLAIN || node.tag) return false;
  const v = node.value;
  if (typeof v !== 'boolean' && typeof v !== 'number') return false;
  const source = (node as { source?: unknown }).source;
  return typeof source === 'string' && yaml11Difference(source) !== undefined;
}

/** For messages about a value of the wrong type: why it is not the string the user sees, when YAML 1.1 is the reason. */
export function yaml11Note(node: unknown): string | undefined {
  if (!isYaml11Scalar(node)) return undefined;
  const v = node.value as boolean | number;
  return `kubectl reads YAML 1.1, where ${node.source} is the ${typeof v === 'boolean' ? 'boolean' : 'number'} ${String(v)}: quote it ("${node.source}") for a string.`;
}

function problemFor(node: Scalar & { source: string }, isKey: boolean): YamlProblem | undefined {
  const range = node.range;
  if (!range) return undefined;
  const v = node.value as boolean | number;
  const s = node.source;
  const core = coreScalar(s);
  const coreText = typeof core === 'string' ? `the string "${s}"` : String(core);
  let code: string;
  let message: string;
  if (isKey) {
    code = 'yaml11-key';
    message = `kubectl reads this key as "${String(v)}" (YAML 1.1 reads ${s} as the ${typeof v === 'boolean' ? 'boolean' : 'number'} ${String(v)}); YAML 1.2 tools read "${s}". Quote it ("${s}") to keep the name.`;
  } else if (typeof v === 'boolean') {
    code = 'yaml11-bool';
    message = `kubectl reads ${s} as the boolean ${String(v)} (YAML 1.1); YAML 1.2 tools read the string "${s}". Write ${String(v)}, or quote it ("${s}") for a string.`;
  } else if (/^[-+]?0[0-7]+$/.test(s.replace(/_/g, ''))) {
    const plain = s.replace(/_/g, '');
    const sign = /^[-+]/.test(plain) ? plain[0].replace('+', '') : '';
    code = 'yaml11-octal';
    message = `kubectl reads ${s} as an octal number, ${String(v)} (YAML 1.1); YAML 1.2 tools read ${coreText}. Write ${sign}0o${plain.replace(/^[-+]?0+/, '') || '0'} or ${String(v)} to mean the same to both.`;
  } else {
    code = 'yaml11-number';
    message = `kubectl reads ${s} as the number ${String(v)} (YAML 1.1); YAML 1.2 tools read ${coreText}. Write ${String(v)}, or quote it for a string.`;
  }
  return { start: range[0], end: range[1], severity: 'warning', code, message };
}

/** The warning for one plain scalar (a value, or a key when `isKey`) that kubectl reads otherwise than YAML 1.2. */
export function yaml11Problem(node: unknown, isKey: boolean): YamlProblem | undefined {
  return isYaml11Scalar(node) ? problemFor(node, isKey) : undefined;
}
