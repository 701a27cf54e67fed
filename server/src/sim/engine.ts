// The simulator's front door from a Workspace: workspace -> inputs -> driver ->
// result. Used by the CLI (`drydock simulate`) and in-process runs; the
// simulation worker starts from posted inputs (sim/simulateInput.ts).

import type { Workspace } from '../model/workspace';
import { collectInput } from './input';
import { simulateInput, type SimulateOptions, type Simulation } from './simulateInput';

export { SimulationInputError, simulateInput, type SimulateOptions, type Simulation } from './simulateInput';

/** Simulates `workspace` (optionally as an apply over `baseline`). Throws SimulationInputError for unusable options. */
export function simulate(workspace: Workspace, options: SimulateOptions, baseline?: Workspace): Simulation {
  return simulateInput(collectInput(workspace), options, baseline ? collectInput(baseline).objects : undefined);
}
