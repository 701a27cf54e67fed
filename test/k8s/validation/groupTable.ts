// Table runner for the API-group validation tests (apps, batch, networking, ...):
// each case is a manifest fragment merged over a valid base object, defaulted as
// the API server would (k8s/defaults.ts), validated with
// `validateObject`, and compared with the expected errors (type + field, and the
// detail where the upstream test asserts it) - exactly, so an extra error fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateObject, errorText, type FieldError } from '../../../server/src/k8s/validation/index';
import { applyDefaults, type DecodedObject } from '../../../server/src/k8s/defaults';

type Json = Record<string, unknown>;

export type ShortType = 'Internal' | 'Required' | 'Invalid' | 'NotSupported' | 'Forbidden' | 'Duplicate' | 'TooLong' | 'TooMany' | 'NotFound';

const TYPE: Record<ShortType, FieldError['type']> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  Duplicate: 'FieldValueDuplicate',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
  Internal: 'InternalError',
};

/** [type, field] or [type, field, detail] (detail compared exactly when given). */
export type Expected = [ShortType, string] | [ShortType, string, string];

export interface Case {
  name: string;
  /** Changes to the base object: a deep-merged fragment (null deletes a key). */
  patch?: Json;
  /** Or a whole object (no base). */
  obj?: Json;
  errors?: Expected[];
  /** Substrings each expected warning must contain (warnings are compared by count too). */
  warnings?: string[];
  /** Cluster-scoped kinds pass false. */
  namespaced?: boolean;
  /** Skip the API server defaulting (to feed an object as stored). */
  noDefaults?: boolean;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Deep merge: objects merge, `null` deletes, anything else (arrays too) replaces. */
export function merge(base: Json, patch: Json): Json {
  const out = clone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])) out[k] = merge(out[k] as Json, v as Json);
    else out[k] = clone(v);
  }
  return out;
}

/** Sets a value that must stay `null` in the object (merge() treats null as delete). */
export const KEEP_NULL = '__keep_null__';
function restoreNulls(v: unknown): unknown {
  if (v === KEEP_NULL) return null;
  if (Array.isArray(v)) return v.map(restoreNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restoreNulls(x)]));
  return v;
}

export function check(obj: Json, namespaced = true, noDefaults = false) {
  const o = restoreNulls(clone(obj)) as Json;
  if (!noDefaults) applyDefaults(o as unknown as DecodedObject);
  return validateObject(o, { namespaced });
}

/** Runs one table: `upstream` names the upstream test file the cases are ported from. */
export function runTable(title: string, upstream: string, base: Json, cases: Case[]): void {
  for (const c of cases) {
    test(`${title}: ${c.name} (${upstream})`, () => {
      const obj = c.obj ?? merge(base, c.patch ?? {});
      const res = check(obj, c.namespaced ?? true, c.noDefaults ?? false);
      const got = res.errors.map((e) => `${e.type} ${e.field}`).sort();
      const want = (c.errors ?? []).map(([t, f]) => `${TYPE[t]} ${f}`).sort();
      assert.deepEqual(got, want, `errors:\n${res.errors.map(errorText).join('\n')}`);
      for (const [t, f, detail] of c.errors ?? []) {
        if (detail === undefined) continue;
        const e = res.errors.find((x) => x.type === TYPE[t] && x.field === f && x.detail === detail);
        assert.ok(e, `no ${t} ${f} with detail ${JSON.stringify(detail)}; got:\n${res.errors.map(errorText).join('\n')}`);
      }
      if (c.warnings) {
        assert.equal(res.warnings.length, c.warnings.length, res.warnings.map((w) => w.message).join('\n'));
        for (const w of c.warnings) assert.ok(res.warnings.some((x) => x.message.includes(w)), `no warning with ${JSON.stringify(w)}: ${res.warnings.map((x) => x.message).join('\n')}`);
      }
    });
  }
}
