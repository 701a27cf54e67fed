// Label-selector matching for the controllers; semantics live in
// server/src/k8s/selector.ts (null selects nothing, {} selects everything).

import { selectorFromLabelSelector, selectorFromMap, type LabelSelectorLike } from '../k8s/selector';

/** metav1.LabelSelector match; `undefined`/null selects nothing. */
export function selectorMatches(selector: LabelSelectorLike | null | undefined, labels: Record<string, string> | undefined): boolean {
  return selectorFromLabelSelector(selector).matches(labels ?? {});
}

/** A Service/RC map selector: every entry must be equal; empty or missing selects nothing. */
export function mapSelectorMatches(selector: Record<string, unknown> | undefined, labels: Record<string, string> | undefined): boolean {
  return selectorFromMap(selector).matches(labels ?? {});
}
