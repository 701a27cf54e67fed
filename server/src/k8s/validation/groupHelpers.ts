// Small pieces the non-core group validators (apps, batch, networking, storage,
// rbac, policy, autoscaling, discovery, scheduling, node) share: the ObjectMeta
// call every kind makes, int-or-percent values and their Go renderings, and the
// selector-matches-template check. The rules themselves (names, labels, ObjectMeta,
// pod templates) live in the core modules (names.ts, meta.ts, pod.ts); this file
// only adapts them to the group modules' calling shape.

import { selectorFromLabelSelector, type LabelSelectorLike, type Selector } from '../selector';
import { FieldPath, GoLiteral, invalid, required, type FieldError } from './field';
import { validateCreateMeta, validateObjectMeta } from './meta';
import { isDNS1123Subdomain, isValidPercent, regexError, type NameFn } from './names';
import { isNum, isObj, isStr, type Json, type ValidationResult } from './types';

export const METADATA = FieldPath.root('metadata');
export const SPEC = FieldPath.root('spec');

/** ValidateObjectMeta(&obj.ObjectMeta, namespaced, nameFn, "metadata") plus the create-time metadata checks. */
export function validateMetaOf(obj: Json, namespaced: boolean, nameFn: NameFn, out: ValidationResult): void {
  out.errors.push(...validateObjectMeta(obj.metadata, namespaced, nameFn, METADATA));
  out.errors.push(...validateCreateMeta(obj.metadata, METADATA));
}

export const objName = (obj: Json): string => (isObj(obj.metadata) && isStr(obj.metadata.name) ? obj.metadata.name : '');
export const objAnnotations = (obj: Json): Json => (isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {});

/** An int32 field: numbers only (the schema layer reports wrong types). */
export const int = (v: unknown): number | undefined => (isNum(v) && Number.isFinite(v) ? v : undefined);

/** ValidateNonnegativeField for an optional number. */
export function nonNegative(v: unknown, path: FieldPath): FieldError[] {
  return isNum(v) && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/**
 * An intstr.IntOrString rendered as upstream's `%#v` does (its String() has a
 * pointer receiver, so field errors print the struct).
 */
export function intOrStringValue(v: number | string): GoLiteral {
  return typeof v === 'number'
    ? new GoLiteral(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`)
    : new GoLiteral(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
}

/** An IntOrString field's bad value as upstream prints it (other JSON types as they are). */
export const intOrStringBadValue = (v: unknown): unknown => (isNum(v) || isStr(v) ? intOrStringValue(v) : v);

/** apps ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: unknown, path: FieldPath): FieldError[] {
  if (isStr(v)) return isValidPercent(v).map((m) => invalid(path, intOrStringValue(v), m));
  if (isNum(v) && v < 0) return [invalid(path, v, 'must be greater than or equal to 0')];
  return [];
}

/** getPercentValue: the number of a valid percent string. */
export function percentValue(v: unknown): number | undefined {
  return isStr(v) && isValidPercent(v).length === 0 ? parseInt(v.slice(0, -1), 10) : undefined;
}

/**
 * getIntOrPercentValue: a percent's number, an int's value; a string that is not
 * a percent counts as intstr's IntValue() (Atoi, 0 when not a number).
 */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (isNum(v)) return v;
  if (isStr(v) && /^[+-]?\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: FieldPath): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 && isStr(v) ? [invalid(path, intOrStringValue(v), 'must not be greater than 100%')] : [];
}

/** Go's `%#v` of an empty *metav1.LabelSelector (dereferenced), as in "empty selector is invalid for deployment". */
export function emptySelectorLiteral(sel: Json): GoLiteral {
  const ml = isObj(sel.matchLabels) ? sel.matchLabels : undefined;
  const labels =
    ml === undefined
      ? 'map[string]string(nil)'
      : `map[string]string{${Object.keys(ml)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(ml[k]))}`)
          .join(', ')}}`;
  const exprs = Array.isArray(sel.matchExpressions) ? '[]v1.LabelSelectorRequirement{}' : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`);
}

/** metav1.LabelSelectorAsSelector of a possibly missing selector (nil -> Nothing). */
export function asSelector(sel: unknown): Selector {
  return selectorFromLabelSelector(isObj(sel) ? (sel as LabelSelectorLike) : null);
}

/** The template's labels as a string map (non-string values are left to the schema layer). */
export function templateLabels(template: unknown): Record<string, string> {
  const md = isObj(template) && isObj(template.metadata) ? template.metadata : {};
  const out: Record<string, string> = {};
  if (isObj(md.labels)) for (const [k, v] of Object.entries(md.labels)) out[k] = isStr(v) ? v : String(v);
  return out;
}

export const templateLabelsValue = (template: unknown): Json => {
  const md = isObj(template) && isObj(template.metadata) ? template.metadata : {};
  return isObj(md.labels) ? md.labels : {};
};

export const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH_RE = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** apimachinery IsDomainPrefixedPath: `acme.io/foo` (IngressClass controller, Job managedBy). */
export function isDomainPrefixedPath(path: FieldPath, value: string): FieldError[] {
  if (value.length === 0) return [required(path, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host === '' || rest === '') return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(path, host, m));
  if (!HTTP_PATH_RE.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}
