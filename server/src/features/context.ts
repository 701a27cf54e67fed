// What every feature function receives: the workspace model, the settings, the
// services of that workspace (reference graph, schema registry, simulation
// state; see services.ts) and a logger. Features are plain functions of this
// context (no LSP connection), so the language server and the CLI share them.

import type { KustomizeModel } from '../model/kustomizeModel';
import type { Workspace } from '../model/workspace';
import type { Services } from './services';

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
  /** `drydock.kustomize.*`: the engine (absolute path of kustomize or kubectl) and whether overlays are rendered. */
  kustomize?: { path?: string; enabled?: boolean };
}

export const BUNDLED_KUBERNETES_VERSION = '1.36';

export const DEFAULT_SETTINGS: DrydockSettings = {
  kubernetesVersion: BUNDLED_KUBERNETES_VERSION,
  filesExclude: [],
  simulation: { nodes: 3, nodeCpu: '4', nodeMemory: '16Gi', nodePods: 110, strictNamespaces: false },
};

/** Where features report what they cannot show to the user (the server sends it to the client's Output channel). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything (unit tests, the CLI's quiet paths). */
export const SILENT_LOGGER: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface FeatureContext {
  readonly workspace: Workspace;
  /** The current settings (in the server: a live view of `services.settings`). */
  settings: DrydockSettings;
  readonly services: Services;
  readonly log: Logger;
  /**
   * True while the startup scan is still reading the workspace: a simulation of
   * a half-read workspace would report false problems (e.g. "namespace not found").
   */
  indexing?: boolean;
  /**
   * Rendered Kustomize overlays (trusted workspaces with an engine). Files an
   * overlay reads are judged as rendered; absent: raw files only.
   */
  kustomize?: KustomizeModel;
}

/**
 * Logs an exception a feature recovers from (it answers empty, or leaves one
 * part out) so it never vanishes: which feature or request failed, on what
 * (a document URI and position, a code, ...), the error and its first stack
 * frames. The user-facing answer stays what the feature returns.
 */
export function logFeatureError(log: Logger, feature: string, err: unknown, subject?: string): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const frames = (e.stack ?? '').split('\n').slice(1, 6).join('\n');
  log.error(`drydock: ${feature}${subject ? ` (${subject})` : ''} failed: ${e.name}: ${e.message}${frames ? `\n${frames}` : ''}`);
}

/** `uri:line:character` (1-based, as editors show it) for log messages. */
export function atPosition(uri: string, position: { line: number; character: number }): string {
  return `${uri}:${position.line + 1}:${position.character + 1}`;
}
