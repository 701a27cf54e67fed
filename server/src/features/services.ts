// The services of one workspace: everything a feature needs besides its
// arguments, created once per server (or CLI run, or simulation worker) and
// reached through FeatureContext.services. Nothing here is module-level: two
// servers in one process have separate services and do not see each other.

import { ReferenceGraph } from '../model/references';
import { Workspace } from '../model/workspace';
import { WorkspaceSchemas } from '../schema';
import { DEFAULT_SETTINGS, SILENT_LOGGER, type DrydockSettings, type FeatureContext, type Logger } from './context';
import type { ClusterNodesCache } from './explain/nodes';
import type { NodeFactsCache, PodLabelIndex } from './completion/facts';
import type { RenderedOverlayCaches } from './kustomizeDiagnostics';
import { ExplainSimulations } from './explain/simulation';
import { readSettings, SettingProblemLog, type SettingProblem } from './settings';
import { simulateInProcess, type Cancellation, type SimulateOutcome, type SimulationRequest } from './simulate';

/** Runs `drydock/simulate`: in a worker thread (the server's SimulationService) or in this thread. */
export interface SimulationBackend {
  simulate(ctx: FeatureContext, params: SimulationRequest, baselineText: string | undefined, token?: Cancellation): Promise<SimulateOutcome>;
  dispose(): void;
  /** The JS heap of the thread running simulations, when it is not this one (`drydock/memory`). */
  memory?(gc: boolean): Promise<{ heapUsed: number; heapTotal: number } | undefined>;
}

/** The settings in force; the server replaces them when the client sends new ones. */
export class SettingsHolder {
  private value: DrydockSettings;
  private readonly problems = new SettingProblemLog();

  constructor(initial: DrydockSettings = DEFAULT_SETTINGS) {
    this.value = structuredClone(initial);
  }

  get current(): DrydockSettings {
    return this.value;
  }

  /** Replaces the settings (callers merge partial updates first). */
  replace(next: DrydockSettings): void {
    this.value = next;
  }

  /**
   * Reads the `drydock` section as the client sent it (untrusted JSON, see
   * settings.ts): settings not sent keep their value, bad ones get their
   * default. Returns the problems not reported before; `complete` says the
   * whole section was sent (workspace/configuration), so a setting without a
   * problem now is fixed and would be reported again when it turns bad.
   */
  update(raw: unknown, complete = false): SettingProblem[] {
    const { settings, problems } = readSettings(raw, this.value);
    this.value = settings;
    return this.problems.fresh(problems, complete);
  }
}

/** Values derived from the workspace and cached until its generation changes (typed, one slot per feature). */
export interface DerivedCaches {
  clusterNodes?: ClusterNodesCache;
  /** Completion: pod-template labels per namespace, updated from the index's change batches. */
  completionPodLabels?: PodLabelIndex;
  /** Completion: node labels and taints of the current generation. */
  completionNodeFacts?: NodeFactsCache;
  /** Kustomize: rendered overlays' diagnostics and the contexts over their views. */
  kustomizeRendered?: RenderedOverlayCaches;
}

export interface Services {
  readonly workspace: Workspace;
  /** Cross-references of the workspace, kept up to date as files change. */
  readonly graph: ReferenceGraph;
  /** Built-in kinds plus the workspace's CRDs. */
  readonly schemas: WorkspaceSchemas;
  /** The cached simulation behind hovers, status and simulation diagnostics (and its worker backend, if attached). */
  readonly explain: ExplainSimulations;
  /** `drydock/simulate` runs. */
  readonly simulation: SimulationBackend;
  readonly settings: SettingsHolder;
  readonly log: Logger;
  readonly derived: DerivedCaches;
}

export interface ServicesOptions {
  workspace?: Workspace;
  settings?: DrydockSettings;
  log?: Logger;
  /** Builds the simulation backend from the other services (default: runs in this thread). */
  simulation?: (services: Omit<Services, 'simulation'>) => SimulationBackend;
}

export { SILENT_LOGGER } from './context';

/** Runs simulations in the calling thread (tests, the CLI, the simulation worker, and the server when the worker cannot start). */
export const inThreadSimulation: SimulationBackend = {
  simulate: (ctx, params, baselineText, token) => Promise.resolve(simulateInProcess(ctx, params, baselineText, token)),
  dispose: () => undefined,
};

export function createServices(opts: ServicesOptions = {}): Services {
  const workspace = opts.workspace ?? new Workspace();
  const log = opts.log ?? SILENT_LOGGER;
  const base = {
    workspace,
    graph: new ReferenceGraph(workspace),
    schemas: new WorkspaceSchemas(workspace),
    explain: new ExplainSimulations(log),
    settings: new SettingsHolder(opts.settings),
    log,
    derived: {},
  };
  return { ...base, simulation: opts.simulation ? opts.simulation(base) : inThreadSimulation };
}

/**
 * The context features receive, over `services`: `settings` reads (and
 * assigning it replaces) the services' current settings.
 */
export function featureContext(services: Services): FeatureContext {
  return {
    workspace: services.workspace,
    services,
    log: services.log,
    get settings() {
      return services.settings.current;
    },
    set settings(next: DrydockSettings) {
      services.settings.replace(next);
    },
  };
}

/** A context over fresh services for `workspace` (tests, the CLI, the simulation worker). */
export function createFeatureContext(workspace: Workspace = new Workspace(), settings: DrydockSettings = DEFAULT_SETTINGS, log?: Logger): FeatureContext {
  return featureContext(createServices({ workspace, settings, log }));
}
