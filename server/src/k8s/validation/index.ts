// The API server's validation, one place for every consumer: the editor's
// diagnostics, `drydock check` and the simulator's API server all call
// `validateObject` on a decoded, defaulted object and get upstream's field errors
// and warnings. Per-group rules live in one module per API group.

import { admissionPolicyValidators } from './admissionPolicy';
import { webhookValidators } from './admissionregistration';
import { appsValidators } from './apps';
import { autoscalingValidators } from './autoscaling';
import { batchValidators } from './batch';
import { certificatesValidators } from './certificates';
import { coordinationValidators } from './coordination';
import { coreValidators } from './core';
import { discoveryValidators } from './discovery';
import { flowcontrolValidators } from './flowcontrol';
import { networkingValidators } from './networking';
import { nodeValidators } from './node';
import { policyValidators } from './policy';
import { rbacValidators } from './rbac';
import { schedulingValidators } from './scheduling';
import { storageValidators } from './storage';
import type { Json, ValidationOptions, ValidationResult, ValidatorTable } from './types';

export * from './field';
export type { Json, ValidationOptions, ValidationResult, KindValidator } from './types';
export { SELECTOR_MISMATCH } from './groupHelpers';

/** API group of an apiVersion (`apps/v1` -> `apps`, `v1` -> ``). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const TABLES: ValidatorTable[] = [
  coreValidators,
  appsValidators,
  batchValidators,
  networkingValidators,
  storageValidators,
  rbacValidators,
  policyValidators,
  autoscalingValidators,
  discoveryValidators,
  schedulingValidators,
  nodeValidators,
  coordinationValidators,
  certificatesValidators,
  webhookValidators,
  admissionPolicyValidators,
  flowcontrolValidators,
];

/** Group modules register under the short group name; built-in groups are `x.k8s.io`. */
function tableKey(group: string, kind: string): string {
  return `${group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '')}/${kind}`;
}

/**
 * Field errors and warnings of creating `obj` (decoded and defaulted). Objects of
 * kinds without upstream validation rules here (custom resources) get the
 * ObjectMeta checks only (from the core module's `/__meta__` entry when present).
 */
export function validateObject(obj: Json, opts: ValidationOptions): ValidationResult {
  const out: ValidationResult = { errors: [], warnings: [] };
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const key = tableKey(groupOf(apiVersion), kind);
  for (const table of TABLES) {
    const v = table[key];
    if (v) {
      v(obj, opts, out);
      return out;
    }
  }
  coreValidators['/__meta__']?.(obj, opts, out);
  return out;
}
