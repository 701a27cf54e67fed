// The parsed shapes of the model: a file (SourceFile), its YAML documents
// (ManifestDoc) and the Kubernetes objects in them (Resource). model/parse.ts
// produces them and re-exports these types; other layers read them.

import type { TextBuffer } from './textBuffer';
import type { Document, Node, YAMLMap } from 'yaml';
import type { LineIndex } from './text';
import type { LocalDiagnostic } from './check/localDiagnostic';
import { plainValue, UNSUPPORTED } from './plainValue';

export interface YamlProblem {
  /** Chunk-local offsets. */
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

/**
 * Options for `doc.yaml.toJS()`: bounded alias expansion protects against
 * billion-laughs inputs. Always convert through `toPlain()`.
 */
export const TO_JS_OPTIONS = { maxAliasCount: 100 } as const;

/** The plain JS value of a node, with bounded alias expansion; undefined if it cannot be converted. */
export function toPlain(doc: ManifestDoc, node: unknown): unknown {
  try {
    if (!node || typeof node !== 'object' || !('range' in node)) return node;
    const plain = plainValue(node);
    return plain === UNSUPPORTED ? (node as Node).toJS(doc.yaml, TO_JS_OPTIONS) : plain;
  } catch {
    return undefined;
  }
}

/**
 * One YAML document of a file (the text between two document markers). Its
 * nodes' `range` arrays and strings may be shared with other documents (see
 * model/intern.ts): read them, never change them in place.
 */
export interface ManifestDoc {
  readonly uri: string;
  /** Position of this document in its file (0-based); updated when reused. */
  index: number;
  /** File offset of the first character of `text`; updated when reused. */
  start: number;
  /** Line of `start` in the file (documents start at a line start); updated when reused. */
  line: number;
  readonly text: string;
  readonly yaml: Document.Parsed;
  /** Kubernetes objects in this document: the object itself or the items of a `*List`. */
  readonly resources: Resource[];
  /** The document has string `apiVersion` and `kind` (a List counts). */
  readonly isKubernetes: boolean;
  readonly problems: YamlProblem[];
  /** Duplicate keys and `//` comments in plain values of its mappings, for validation (model/parseWalk.ts). */
  readonly mapFindings: readonly LocalDiagnostic[];
  /** Per-document caches owned by analysis layers (one typed slot each); dropped with the document. */
  readonly cache: DocCache;
}

/**
 * One layer's slot in every document's cache, typed by what the layer stores there.
 * A module creates its slot once, as a constant; the slot object itself is the key.
 */
export class DocCacheSlot<T> {
  /** Carries T only (never set), so a slot's type cannot be confused with another's. */
  declare private readonly stored?: T;
  constructor(readonly name: string) {}
}

/** A document's per-layer caches: `get`/`set` are typed by the slot, so no layer casts. */
export class DocCache {
  private readonly slots = new Map<DocCacheSlot<unknown>, unknown>();

  get<T>(slot: DocCacheSlot<T>): T | undefined {
    return this.slots.get(slot) as T | undefined;
  }

  set<T>(slot: DocCacheSlot<T>, value: T): void {
    this.slots.set(slot, value);
  }
}

/** A Kubernetes object: a mapping with string apiVersion and kind. */
export interface Resource {
  readonly doc: ManifestDoc;
  readonly node: YAMLMap;
  readonly apiVersion: string;
  /** API group ("" for core). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** metadata.name, if a string. */
  readonly name?: string;
  /** metadata.namespace as written (not defaulted). */
  readonly namespace?: string;
  /** Index inside `items` when this resource is an item of a List document. */
  readonly listIndex?: number;
  /**
   * Set when the type above is inferred, not as written: no `apiVersion`, a kind in
   * the wrong case, a kind under the wrong group (`v1` Ingress). The object is still
   * a resource of the model, validated as the inferred type; kubectl refuses it.
   */
  readonly written?: { apiVersion?: string; kind: string };
}

export interface SourceFile {
  readonly uri: string;
  /** The whole text. For an open buffer it is built from `buffer` on first read (a copy of the file): the hot path reads documents, not this. */
  readonly text: string;
  /** An open buffer's text as shared pieces (textBuffer.ts); absent for files read from disk. */
  readonly buffer?: TextBuffer;
  readonly version: number;
  readonly lines: LineIndex;
  readonly docs: ManifestDoc[];
  /** Helm/Go template syntax outside string values: YAML errors are not reported. */
  readonly isTemplate: boolean;
}
