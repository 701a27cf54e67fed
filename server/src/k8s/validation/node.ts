// API-server validation of the node.k8s.io API group: RuntimeClass (create).
// Upstream: pkg/apis/node/validation/validation.go (ValidateRuntimeClass,
// validateOverhead, validateScheduling, validateTolerations: tolerations are also unique
// by key/operator/value/effect).

import { FieldPath, duplicate, invalid } from './field';
import { validateMetaOf } from './groupHelpers';
import { validateLabels } from './meta';
import { DEPRECATED_NODE_LABELS } from './pod-warnings';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { validateResourceRequirements } from './resources';
import { validateTolerations } from './scheduling-rules';
import { asList, isObj, isStr, type KindValidator, type ValidatorTable } from './types';

const validateRuntimeClass: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const handler = isStr(obj.handler) ? obj.handler : '';
  for (const m of nameIsDNSLabel(handler, false)) errs.push(invalid(FieldPath.root('handler'), handler, m));
  if (isObj(obj.overhead)) {
    // Upstream reuses ValidateContainerResourceRequirements with podFixed as limits: paths read `overhead.limits[...]`.
    errs.push(...validateResourceRequirements({ limits: obj.overhead.podFixed }, FieldPath.root('overhead')));
  }
  if (isObj(obj.scheduling)) {
    const sp = FieldPath.root('scheduling');
    errs.push(...validateLabels(obj.scheduling.nodeSelector, sp.child('nodeSelector')));
    // GetWarningsForRuntimeClass (pkg/api/node/util.go): deprecated node labels in the node selector.
    if (isObj(obj.scheduling.nodeSelector)) {
      for (const k of Object.keys(obj.scheduling.nodeSelector).sort()) {
        if (DEPRECATED_NODE_LABELS[k]) out.warnings.push({ path: sp.child('nodeSelector').steps(), message: `${sp.child('nodeSelector')}: ${DEPRECATED_NODE_LABELS[k]}` });
      }
    }
    const tp = sp.child('tolerations');
    errs.push(...validateTolerations(obj.scheduling.tolerations, tp));
    const seen = new Set<string>();
    asList(obj.scheduling.tolerations).forEach((t, i) => {
      if (!isObj(t)) return;
      const key = JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '']);
      if (seen.has(key)) errs.push(duplicate(tp.index(i), t));
      else seen.add(key);
    });
  }
};

export const nodeValidators: ValidatorTable = {
  'node/RuntimeClass': validateRuntimeClass,
};
