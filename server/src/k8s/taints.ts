// Taints and tolerations: `Toleration.ToleratesTaint` from
// staging/src/k8s.io/api/core/v1/toleration.go (v1.36), the one rule the
// scheduler, the controllers, cross-references, hovers and quick fixes share.

/** A taint as written (`key`, `value`, `effect`). */
export interface TaintLike {
  key?: unknown;
  value?: unknown;
  effect?: unknown;
}

/** A toleration as written; fields are checked, so plain YAML values are safe to pass. */
export interface TolerationLike {
  key?: unknown;
  operator?: unknown;
  value?: unknown;
  effect?: unknown;
}

/**
 * Effects must be equal unless the toleration's is empty; keys equal unless the
 * toleration's is empty; `Exists` matches any value, `Equal` (or no operator)
 * an equal value; any other operator matches nothing.
 */
export function toleratesTaint(t: TolerationLike, taint: TaintLike): boolean {
  if (!t || typeof t !== 'object') return false;
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? '';
  if (op === 'Exists') return true;
  if (op === '' || op === 'Equal') return String(t.value ?? '') === String(taint.value ?? '');
  return false;
}
