// Quantities as the simulator uses them: CPU in millicores, everything else in
// base units (bytes for memory and storage), and the canonical text form used
// in messages (`500m`, `2`, `1Gi`). Parsing is server/src/k8s/quantity.ts.

import { parseQuantity, resourceAmount as k8sResourceAmount } from '../k8s/quantity';

/** The numeric value of a quantity in base units, or undefined when malformed. */
export function quantityValue(q: unknown): number | undefined {
  return typeof q === 'string' || typeof q === 'number' ? parseQuantity(q.toString().trim()) : undefined;
}

/** A resource amount as the simulator counts it: cpu in millicores, others in whole base units (both rounded up). */
export function resourceAmount(resource: string, q: unknown): number | undefined {
  return typeof q === 'string' || typeof q === 'number' ? k8sResourceAmount(resource, typeof q === 'string' ? q.trim() : q) : undefined;
}

/** Canonical text of an amount: `250m`/`2` for cpu, binary suffixes for bytes when exact. */
export function formatAmount(resource: string, amount: number): string {
  if (resource === 'cpu' || resource.endsWith('.cpu')) return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (amount === 0) return '0';
  for (const [suffix, mult] of [
    ['Ei', 1024 ** 6],
    ['Pi', 1024 ** 5],
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ] as const) {
    if (amount % mult === 0) return `${amount / mult}${suffix}`;
  }
  return String(amount);
}

/** A resource list (requests/limits map) as numbers; malformed entries are left out. */
export function resourceList(list: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!list || typeof list !== 'object') return out;
  for (const [k, v] of Object.entries(list)) {
    const a = resourceAmount(k.replace(/^(requests|limits)\./, ''), v);
    if (a !== undefined) out[k] = a;
  }
  return out;
}
