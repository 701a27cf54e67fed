// What every feature function receives: the workspace model and the settings.
// Features are plain functions of this context (no LSP connection), so the
// language server and the CLI share them.

import type { Workspace } from '../model/workspace';

export interface DrydockSettings {
  /** Kubernetes version (e.g. "1.36") deciding which API versions count as removed or deprecated. */
  kubernetesVersion: string;
  /** Globs (relative to each workspace folder) of files not to index. */
  filesExclude: string[];
  /**
   * Default cluster for the simulator when the workspace declares no Nodes, and
   * `strictNamespaces`: reject objects in namespaces the workspace does not
   * define (kubectl on an empty cluster) instead of assuming they exist.
   */
  simulation: { nodes: number; nodeCpu: string; nodeMemory: string; nodePods: number; strictNamespaces: boolean };
}

export const BUNDLED_KUBERNETES_VERSION = '1.36';

export const DEFAULT_SETTINGS: DrydockSettings = {
  kubernetesVersion: BUNDLED_KUBERNETES_VERSION,
  filesExclude: [],
  simulation: { nodes: 3, nodeCpu: '4', nodeMemory: '16Gi', nodePods: 110, strictNamespaces: false },
};

export interface FeatureContext {
  workspace: Workspace;
  settings: DrydockSettings;
  /**
   * True while the startup scan is still reading the workspace: a simulation of
   * a half-read workspace would report false problems (e.g. "namespace not found").
   */
  indexing?: boolean;
}
