// A diagnostic of one ManifestDoc in chunk-local offsets: cached on the document and
// converted to file positions (doc.start + offset) only when published.

export type LocalSeverity = 'error' | 'warning' | 'information';

export interface LocalDiagnostic {
  start: number;
  end: number;
  severity: LocalSeverity;
  code: string;
  message: string;
  data?: unknown;
  /** Related location in the same document (e.g. the first occurrence of a duplicate key). */
  related?: { start: number; end: number; message: string };
  /**
   * How the API server refuses the object for this problem: while decoding it
   * (`decode`: unknown field, wrong type, bad quantity; `typemeta`: apiVersion/kind)
   * or when validating it (`validate`). Absent for Drydock's own checks.
   */
  stage?: 'typemeta' | 'decode' | 'validate';
  /** The API server's text for this one problem (the part of its message Drydock repeats). */
  apiText?: string;
  /** The field path of the problem (`spec.containers[0].image`), for `validate` problems. */
  field?: string;
}

/** [start, end) of a node in chunk-local offsets. */
export function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : undefined;
}
