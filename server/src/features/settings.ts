// The `drydock.*` settings as the client sends them (workspace/configuration,
// didChangeConfiguration, initializationOptions) are untrusted JSON: a
// settings.json may hold `"drydock.kubernetesVersion": 1.3` or a string where
// a number belongs. `readSettings` checks every setting against what
// package.json's contributes.configuration declares, keeps the current value
// of a setting that was not sent, and uses the default for a bad one, with a
// message that names the setting, the value and the default used.

import { isValidQuantity } from '../k8s/quantity';
import { DEFAULT_SETTINGS, type DrydockSettings } from './context';

/** A setting that was sent with a value it cannot have. */
export interface SettingProblem {
  /** The full setting name, e.g. `drydock.simulation.nodes`. */
  setting: string;
  /** The value as sent (JSON), so a repeated bad value is reported once. */
  value: string;
  /** The clear message for the Output channel and the warning notification. */
  message: string;
}

export interface SettingsRead {
  settings: DrydockSettings;
  problems: SettingProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `the array ${JSON.stringify(v).slice(0, 80)}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 80))}`;
  if (typeof v === 'object') return `the object ${JSON.stringify(v).slice(0, 80)}`;
  return `the ${typeof v} ${String(v)}`;
}

/** One setting's check: undefined when `v` is a good value, else what it should be. */
type Check<T> = (v: unknown) => v is T;

const KUBERNETES_VERSION = /^1\.[0-9]+$/;
const isVersion: Check<string> = (v): v is string => typeof v === 'string' && KUBERNETES_VERSION.test(v);
const isGlobList: Check<string[]> = (v): v is string[] => Array.isArray(v) && v.every((g) => typeof g === 'string');
const isQuantity: Check<string> = (v): v is string => typeof v === 'string' && isValidQuantity(v) && !v.startsWith('-');
const intIn =
  (min: number, max: number): Check<number> =>
  (v): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isString: Check<string> = (v): v is string => typeof v === 'string';
const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const TRACE_LEVELS = ['off', 'messages', 'verbose'];
const isTraceLevel: Check<string> = (v): v is string => typeof v === 'string' && TRACE_LEVELS.includes(v);

/**
 * Reads the `drydock` configuration section `raw` over `current`. Accepts the
 * section as VS Code sends it (`files.exclude`, `simulation.nodes`, ...) and
 * the server's own shape (`filesExclude`), which initializationOptions use.
 */
export function readSettings(raw: unknown, current: DrydockSettings): SettingsRead {
  const problems: SettingProblem[] = [];
  if (raw === undefined || raw === null) return { settings: current, problems };
  if (!isRecord(raw)) {
    problems.push({ setting: 'drydock', value: JSON.stringify(raw) ?? 'undefined', message: `The drydock settings must be an object, not ${describe(raw)}; the current settings stay in force.` });
    return { settings: current, problems };
  }
  /** The value of one setting: absent keeps `keep`, a bad value gives `fallback` and a problem. */
  const pick = <T>(setting: string, v: unknown, ok: Check<T>, expected: string, keep: T, fallback: T): T => {
    if (v === undefined) return keep;
    if (ok(v)) return v;
    problems.push({
      setting,
      value: JSON.stringify(v) ?? 'undefined',
      message: `Setting ${setting}: expected ${expected}, got ${describe(v)}; using the default ${JSON.stringify(fallback)}.`,
    });
    return fallback;
  };
  const files = raw.files;
  const filesExclude = isRecord(files) ? files.exclude : raw.filesExclude;
  if (files !== undefined && !isRecord(files)) {
    problems.push({ setting: 'drydock.files', value: JSON.stringify(files) ?? 'undefined', message: `Setting drydock.files: expected an object with "exclude", got ${describe(files)}; it is ignored.` });
  }
  const sim = raw.simulation;
  if (sim !== undefined && !isRecord(sim)) {
    problems.push({ setting: 'drydock.simulation', value: JSON.stringify(sim) ?? 'undefined', message: `Setting drydock.simulation: expected an object (nodes, nodeCpu, nodeMemory, nodePods), got ${describe(sim)}; the simulation defaults are used.` });
  }
  const s = isRecord(sim) ? sim : {};
  const cur = current.simulation;
  const def = DEFAULT_SETTINGS.simulation;
  const simDefaults = sim !== undefined && !isRecord(sim);
  const trace = isRecord(raw.trace) ? raw.trace.server : undefined;
  // The client's own setting (the LSP trace); checked so a typo is reported, not used by the server.
  pick('drydock.trace.server', trace, isTraceLevel, `one of ${TRACE_LEVELS.map((l) => JSON.stringify(l)).join(', ')}`, 'off', 'off');
  const k = raw.kustomize;
  if (k !== undefined && !isRecord(k)) {
    problems.push({ setting: 'drydock.kustomize', value: JSON.stringify(k) ?? 'undefined', message: `Setting drydock.kustomize: expected an object (path, enabled), got ${describe(k)}; it is ignored.` });
  }
  const ks = isRecord(k) ? k : {};
  const kustomize = {
    path: pick('drydock.kustomize.path', ks.path, isString, 'a string (an absolute path, or empty)', current.kustomize?.path ?? '', ''),
    enabled: pick('drydock.kustomize.enabled', ks.enabled, isBoolean, 'true or false', current.kustomize?.enabled ?? true, true),
  };
  return {
    settings: {
      kustomize,
      kubernetesVersion: pick('drydock.kubernetesVersion', raw.kubernetesVersion, isVersion, 'a Kubernetes minor version as a string, such as "1.36"', current.kubernetesVersion, DEFAULT_SETTINGS.kubernetesVersion),
      filesExclude: pick('drydock.files.exclude', filesExclude, isGlobList, 'an array of glob strings', current.filesExclude, DEFAULT_SETTINGS.filesExclude),
      simulation: {
        nodes: pick('drydock.simulation.nodes', s.nodes, intIn(1, 5000), 'a whole number from 1 to 5000', simDefaults ? def.nodes : cur.nodes, def.nodes),
        nodeCpu: pick('drydock.simulation.nodeCpu', s.nodeCpu, isQuantity, 'a Kubernetes quantity as a string, such as "4" or "3500m"', simDefaults ? def.nodeCpu : cur.nodeCpu, def.nodeCpu),
        nodeMemory: pick('drydock.simulation.nodeMemory', s.nodeMemory, isQuantity, 'a Kubernetes quantity as a string, such as "16Gi"', simDefaults ? def.nodeMemory : cur.nodeMemory, def.nodeMemory),
        nodePods: pick('drydock.simulation.nodePods', s.nodePods, intIn(1, 1_000_000), 'a whole number of at least 1', simDefaults ? def.nodePods : cur.nodePods, def.nodePods),
        strictNamespaces: pick('drydock.simulation.strictNamespaces', s.strictNamespaces, isBoolean, 'true or false', simDefaults ? def.strictNamespaces : cur.strictNamespaces, def.strictNamespaces),
      },
    },
    problems,
  };
}

/**
 * Remembers which bad values were reported, so each bad setting is reported
 * once (not on every configuration refresh) and again only when it changes to
 * another bad value, or becomes bad again after being fixed.
 */
export class SettingProblemLog {
  private readonly reported = new Map<string, string>();

  /** The problems of one read that were not reported before. */
  fresh(problems: readonly SettingProblem[], complete: boolean): SettingProblem[] {
    const bad = new Set(problems.map((p) => p.setting));
    // A full read (workspace/configuration) that no longer has a problem clears it.
    if (complete) for (const setting of [...this.reported.keys()]) if (!bad.has(setting)) this.reported.delete(setting);
    const out: SettingProblem[] = [];
    for (const p of problems) {
      if (this.reported.get(p.setting) === p.value) continue;
      this.reported.set(p.setting, p.value);
      out.push(p);
    }
    return out;
  }
}
