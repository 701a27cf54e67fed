// Hover explanations: facts computed for THIS workspace (where replicas land,
// rollout pod counts, QoS class, which nodes qualify, what a Service port
// reaches), as opposed to the schema documentation in hoverSchema.ts. Each
// family lives in explain/; the simulation-backed ones read a result cached per
// workspace generation (explain/simulation.ts), so a hover never re-simulates.

import { atPosition, logFeatureError } from './context';
import type { HoverProvider, HoverRequest, HoverSection } from './hover';
import { placementExplanation } from './explain/placement';
import { qosExplanation } from './explain/qos';
import { replicasExplanation } from './explain/replicas';
import { rolloutExplanation } from './explain/rollout';
import { servicePortExplanation } from './explain/servicePorts';

const EXPLANATIONS: HoverProvider[] = [replicasExplanation, rolloutExplanation, qosExplanation, placementExplanation, servicePortExplanation];

/** The first explanation that applies at the cursor; malformed input yields none, never an error. */
export function explainHover(req: HoverRequest): HoverSection | undefined {
  if (!req.resource) return undefined;
  for (const explain of EXPLANATIONS) {
    try {
      const s = explain(req);
      if (s) return s;
    } catch (err) {
      // A malformed document must not break the other hover sections.
      logFeatureError(req.ctx.log, `textDocument/hover ${explain.name || 'explanation'}`, err, atPosition(req.file.uri, req.position));
    }
  }
  return undefined;
}
