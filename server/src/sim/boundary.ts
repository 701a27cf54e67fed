// The simulator's one untyped boundary: manifests arrive as YAML turned into
// plain JSON (`unknown`), and leave here as typed objects (types.ts, kinds/).
// Only this module may use `any`. The conversion checks the shape every stored
// object must have (an object with a string kind and metadata with a string
// name); the fields of each kind stay optional in their types, so readers
// still check values they depend on (hand-written YAML can hold anything).

import type { ApiObject, SimObject } from './types';

/** A JSON object as YAML produced it. */
export type Json = Record<string, unknown>;

const isJsonObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Turns a decoded manifest into a stored-object shape: metadata becomes an
 * object (`{name: ''}` when absent or not a map, so the API server reports the
 * missing name), apiVersion/kind become strings. Returns undefined for a
 * document that is not an object at all.
 */
export function toSimObject(plain: unknown): SimObject | undefined {
  if (!isJsonObject(plain)) return undefined;
  const obj: Json = { ...plain };
  if (typeof obj.apiVersion !== 'string') obj.apiVersion = obj.apiVersion === undefined ? '' : String(obj.apiVersion);
  if (typeof obj.kind !== 'string') obj.kind = obj.kind === undefined ? '' : String(obj.kind);
  if (!isJsonObject(obj.metadata)) obj.metadata = { name: '' };
  // The one cast from untyped JSON to the typed kinds.
  return obj as unknown as SimObject;
}

/** Reads a typed object's fields as JSON (for code that walks arbitrary fields, e.g. placeholders). */
export function asJson(obj: ApiObject): Json {
  return obj as unknown as Json;
}
