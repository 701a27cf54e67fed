// What every per-group validator receives and returns. Objects are plain JSON as
// decoded from YAML (after the API server's defaulting): values are `unknown`
// and read with the guards below, never cast.

import type { ApiWarning, FieldError } from './field';

export type Json = Record<string, unknown>;

export interface ValidationOptions {
  /** Whether the kind is namespaced (from the schema layer: bundled kinds and workspace CRDs). */
  namespaced: boolean;
}

export interface ValidationResult {
  errors: FieldError[];
  warnings: ApiWarning[];
}

/** Validates one object of one kind (create), appending to `out`. */
export type KindValidator = (obj: Json, opts: ValidationOptions, out: ValidationResult) => void;

/** `group/Kind` (core group: `/Pod`) -> validator. Each group module exports one such table. */
export type ValidatorTable = Record<string, KindValidator>;

export const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isNum = (v: unknown): v is number => typeof v === 'number';
export const asObj = (v: unknown): Json => (isObj(v) ? v : {});
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/**
 * Absent, null or empty: what upstream sees as a zero value (a Required error).
 * A value of the wrong type is not "missing": it fails decoding, which the schema
 * layer reports, so validators stay silent about it.
 */
export const isMissing = (v: unknown): boolean => v === undefined || v === null || v === '';
/** A present value that is not a list / not an object (a decode error): rules about its contents stay silent. */
export const isWrongType = (v: unknown, kind: 'list' | 'object'): boolean => !isMissing(v) && (kind === 'list' ? !Array.isArray(v) : !isObj(v));
