// The kustomize engine the user already has, and the one place in Drydock that
// starts a process. Kustomize is part of kubectl; Drydock never re-implements it.
//
// Discovery: the `drydock.kustomize.path` setting, else `kustomize` on PATH, else
// `kubectl` on PATH (`kubectl kustomize`). Running: only `<engine> build|kustomize
// <dir> --load-restrictor LoadRestrictionsRootOnly`, with execFile (no shell), an
// empty environment apart from a fresh empty HOME and XDG_CONFIG_HOME made for each
// run and removed after it (no kubeconfig, no credentials, no plugin directories, and
// nothing one run writes is seen by the next), a timeout and an output cap. Plugins and exec functions
// stay off: Drydock never passes --enable-alpha-plugins, --enable-exec or
// --enable-helm. Callers decide WHEN to run (trusted workspaces only, see
// kustomizeModel.ts); this module only knows HOW.

import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, isAbsolute, join } from 'node:path';

export interface KustomizeEngine {
  /** Absolute path of the executable. */
  readonly command: string;
  /** Arguments before the directory: `['build']` for kustomize, `['kustomize']` for kubectl. */
  readonly subcommand: readonly string[];
  /** How it was found, for messages: `kustomize on PATH`, `kubectl kustomize`, `drydock.kustomize.path`. */
  readonly origin: string;
}

export type EngineLookup = { engine: KustomizeEngine } | { engine?: undefined; reason: string };

const IS_WINDOWS = process.platform === 'win32';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (!IS_WINDOWS) accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** An executable named `name` in the PATH directories, or undefined. */
export function whichOnPath(name: string, pathValue: string | undefined): string | undefined {
  if (!pathValue) return undefined;
  const names = IS_WINDOWS ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of pathValue.split(delimiter)) {
    // Relative PATH entries would resolve against the workspace: never run those.
    if (!dir || !isAbsolute(dir)) continue;
    for (const n of names) {
      const candidate = join(dir, n);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function engineFor(command: string, origin: string): KustomizeEngine {
  const isKubectl = /^kubectl(\.exe)?$/i.test(basename(command));
  return { command, subcommand: isKubectl ? ['kustomize'] : ['build'], origin };
}

/**
 * Finds the engine: `configuredPath` (the setting; must be an absolute path to an
 * executable, `kubectl` or `kustomize`), else `kustomize`, else `kubectl` on PATH.
 */
export function findKustomizeEngine(configuredPath: string | undefined, pathValue = process.env.PATH): EngineLookup {
  const configured = configuredPath?.trim();
  if (configured) {
    if (!isAbsolute(configured)) {
      const found = whichOnPath(configured, pathValue);
      if (found) return { engine: engineFor(found, `drydock.kustomize.path (${configured} on PATH)`) };
      return { reason: `drydock.kustomize.path is "${configured}", which is neither an absolute path nor an executable on PATH` };
    }
    if (!isExecutableFile(configured)) return { reason: `drydock.kustomize.path is "${configured}", which is not an executable file` };
    return { engine: engineFor(configured, 'drydock.kustomize.path') };
  }
  const kustomize = whichOnPath('kustomize', pathValue);
  if (kustomize) return { engine: engineFor(kustomize, 'kustomize on PATH') };
  const kubectl = whichOnPath('kubectl', pathValue);
  if (kubectl) return { engine: engineFor(kubectl, 'kubectl kustomize (kubectl on PATH)') };
  return { reason: 'neither kustomize nor kubectl was found on PATH, and drydock.kustomize.path is not set' };
}

export type BuildOutcome = { ok: true; stdout: string; stderr: string; ms: number } | { ok: false; message: string; ms: number };

export interface BuildOptions {
  /** Directory containing the kustomization to build (the temporary wrapper). */
  dir: string;
  timeoutMs?: number;
  /** Larger output is an error (a runaway generator must not exhaust memory). */
  maxBytes?: number;
}

/** A render that takes longer is stopped (big CRD bundles take seconds; renders never block requests). */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The environment of one run: a new empty directory as HOME and XDG_CONFIG_HOME (kustomize
 * reads plugins from $XDG_CONFIG_HOME/kustomize/plugin, else ~/.config/kustomize/plugin;
 * kubectl reads ~/.kube), and a KUBECONFIG that does not exist. `dispose` removes the directory.
 */
function isolatedEnvironment(): { env: Record<string, string>; dispose(): void } {
  const home = mkdtempSync(join(tmpdir(), 'drydock-kustomize-home-'));
  const config = join(home, '.config');
  mkdirSync(config);
  const env: Record<string, string> = { HOME: home, XDG_CONFIG_HOME: config, KUBECONFIG: join(home, 'no-kubeconfig') };
  if (IS_WINDOWS) {
    env.USERPROFILE = home;
    if (process.env.SystemRoot) env.SystemRoot = process.env.SystemRoot;
  }
  return { env, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

/** Text kustomize wrote to stderr, without the usage text kubectl appends to errors. */
export function engineErrorText(stderr: string): string {
  const lines = stderr.split(/\r?\n/);
  const usage = lines.findIndex((l) => /^(Usage:|Examples:)/.test(l.trim()));
  let text = (usage >= 0 ? lines.slice(0, usage) : lines).join('\n').trim();
  // kubectl logs through klog: `E1204 15:15:21.318158 19368 run.go:72] "command failed" err="…"`; warnings (`# Warning: …`) come first.
  const out: string[] = [];
  const notes: string[] = [];
  for (const line of text.split('\n')) {
    const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] "command failed" err="((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    if (klog) {
      try {
        out.push(JSON.parse(`"${klog[1]}"`) as string);
      } catch {
        out.push(klog[1]);
      }
    } else if (/^# Warning: /.test(line)) notes.push(line.slice(2));
    else if (line.trim()) out.push(line);
  }
  text = [...out, ...notes].join('\n');
  return text.replace(/^Error: /, '');
}

/** Runs `<engine> build <dir>` off the request path. Never throws. */
export function runKustomizeBuild(engine: KustomizeEngine, options: BuildOptions): Promise<BuildOutcome> {
  const started = Date.now();
  const args = [...engine.subcommand, options.dir, '--load-restrictor', 'LoadRestrictionsRootOnly'];
  return new Promise((settled) => {
    let isolated: ReturnType<typeof isolatedEnvironment> | undefined;
    const resolve = (outcome: BuildOutcome) => {
      try {
        isolated?.dispose();
      } catch {
        // A leftover empty temporary directory is harmless; the render's outcome is what matters.
      }
      settled(outcome);
    };
    try {
      isolated = isolatedEnvironment();
      const env = isolated.env;
      execFile(
        engine.command,
        args,
        { cwd: options.dir, env, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBuffer: options.maxBytes ?? 64 * 1024 * 1024, windowsHide: true, shell: false, encoding: 'utf8' },
        (err, stdout, stderr) => {
          const ms = Date.now() - started;
          if (!err) return resolve({ ok: true, stdout, stderr, ms });
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          if (e.killed || e.signal === 'SIGTERM') return resolve({ ok: false, message: `${engine.origin} did not finish within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`, ms });
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ok: false, message: `the rendered output is larger than ${Math.round((options.maxBytes ?? 64 * 1024 * 1024) / 1024 / 1024)} MB`, ms });
          if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ ok: false, message: `cannot run ${engine.command}: ${e.message}`, ms });
          resolve({ ok: false, message: engineErrorText(String(stderr ?? '')) || e.message, ms });
        },
      );
    } catch (err) {
      resolve({ ok: false, message: `cannot run ${engine.command}: ${(err as Error).message}`, ms: Date.now() - started });
    }
  });
}
