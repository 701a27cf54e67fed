// Field errors in the API server's own shape and words (apimachinery
// pkg/util/validation/field: errors.go and path.go). `errorText` renders an error
// exactly as `field.Error.Error()` does, so a message reads like `kubectl apply`:
//   spec.containers[0].image: Required value
//   spec.replicas: Invalid value: -1: must be greater than or equal to 0
//   spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName"

/** field.ErrorType, by its upstream name. */
export type ErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** ErrorType.String() upstream. */
export const ERROR_TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** One step of a field path: a field name, a list index, or a map key (`[key]`). */
export type PathStep = { field: string } | { index: number } | { key: string };

/**
 * field.Path: immutable, built by `child`, `index` and `key` like upstream's
 * `field.NewPath("spec").Child("containers").Index(0)`. `toString()` gives
 * `spec.containers[0]` / `metadata.labels[app]`.
 */
export class FieldPath {
  private constructor(
    readonly parent: FieldPath | undefined,
    readonly step: PathStep | undefined,
  ) {}

  static root(...names: string[]): FieldPath {
    let p = new FieldPath(undefined, undefined);
    for (const n of names) p = p.child(n);
    return p;
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, { field: name });
    for (const n of more) p = p.child(n);
    return p;
  }

  index(i: number): FieldPath {
    return new FieldPath(this, { index: i });
  }

  key(k: string): FieldPath {
    return new FieldPath(this, { key: k });
  }

  /** The steps from the root, outermost first. */
  steps(): PathStep[] {
    const out: PathStep[] = [];
    for (let p: FieldPath | undefined = this; p; p = p.parent) if (p.step) out.push(p.step);
    return out.reverse();
  }

  toString(): string {
    let s = '';
    for (const st of this.steps()) {
      if ('field' in st) s += s === '' ? st.field : `.${st.field}`;
      else if ('index' in st) s += `[${st.index}]`;
      else s += `[${st.key}]`;
    }
    return s;
  }
}

/** A marker for "no value shown" (upstream `omitValue`). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

export interface FieldError {
  type: ErrorType;
  /** Where: the path steps (to map the error back to the YAML) and its text (`spec.containers[0].image`). */
  path: PathStep[];
  field: string;
  /** The bad value as upstream shows it (omitted for Required/Forbidden/TooLong/Internal). */
  value?: unknown;
  detail?: string;
}

function make(type: ErrorType, path: FieldPath, value: unknown, detail?: string): FieldError {
  const e: FieldError = { type, path: path.steps(), field: path.toString() };
  if (value !== OMIT_VALUE && value !== undefined) e.value = value;
  if (detail) e.detail = detail;
  return e;
}

// Constructors with upstream's names and arguments.
export const notFound = (p: FieldPath, value: unknown): FieldError => make('FieldValueNotFound', p, value);
export const required = (p: FieldPath, detail?: string): FieldError => make('FieldValueRequired', p, OMIT_VALUE, detail);
export const duplicate = (p: FieldPath, value: unknown): FieldError => make('FieldValueDuplicate', p, value);
export const invalid = (p: FieldPath, value: unknown, detail?: string): FieldError => make('FieldValueInvalid', p, value === undefined ? null : value, detail);
export const typeInvalid = (p: FieldPath, value: unknown, detail?: string): FieldError => make('FieldValueTypeInvalid', p, value === undefined ? null : value, detail);
export const forbidden = (p: FieldPath, detail?: string): FieldError => make('FieldValueForbidden', p, OMIT_VALUE, detail);
export const internalError = (p: FieldPath, detail: string): FieldError => make('InternalError', p, OMIT_VALUE, detail);

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"`. */
export function notSupported(p: FieldPath, value: unknown, validValues: string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map((v) => JSON.stringify(v)).join(', ')}` : undefined;
  return make('FieldValueNotSupported', p, value === undefined ? null : value, detail);
}

/** field.TooLong: `Too long: may not be more than 63 bytes` (value omitted from the text, as upstream). */
export function tooLong(p: FieldPath, value: unknown, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return { ...make('FieldValueTooLong', p, OMIT_VALUE, detail), ...(value !== undefined ? { value } : {}) };
}

/** field.TooMany: `Too many: 5: must have at most 4 items`. */
export function tooMany(p: FieldPath, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return make('FieldValueTooMany', p, actual >= 0 ? actual : OMIT_VALUE, detail);
}

/**
 * A bad value whose Go rendering is given verbatim, for values upstream prints
 * with `%#v` from a Go type we do not model (e.g.
 * `intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}`).
 */
export class GoLiteral {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** Go's `%#v`-like rendering for values that are neither strings nor numbers (maps of strings as `map[string]string{"a":"b"}`). */
function goValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(', ')}}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** `field.Error.ErrorBody()`: the text after the path. */
export function errorBody(e: FieldError): string {
  const type = ERROR_TYPE_TEXT[e.type];
  let s: string;
  if (e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError' || !('value' in e)) s = type;
  else s = `${type}: ${goValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `field.Error.Error()`: `spec.containers[0].image: Required value`. */
export function errorText(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

/**
 * The message of an Invalid status as kubectl prints it (cmdutil.CheckErr +
 * MultilineError): one error on the same line, several as a `* ` list.
 */
export function invalidMessage(kind: string, name: string, errors: FieldError[]): string {
  const head = `The ${kind} ${JSON.stringify(name)} is invalid: `;
  if (errors.length === 1) return head + errorText(errors[0]);
  return head + '\n' + errors.map((e) => `* ${errorText(e)}`).join('\n');
}

/** An API warning (the `Warning:` lines kubectl prints), with the field it is about when known. */
export interface ApiWarning {
  path?: PathStep[];
  message: string;
}
