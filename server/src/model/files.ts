// Finding manifest files on disk (used by the server's workspace scan and the CLI).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const MANIFEST = /\.ya?ml$/i;

/** Converts a simple glob (`**`, `*`, `?`) to a RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface CollectOptions {
  /** Globs relative to each root, e.g. `**\/charts/**`. */
  exclude?: string[];
  /** Stop after this many files (protects against pathological trees). */
  limit?: number;
}

/** Lists `*.yaml`/`*.yml` files under the given files or directories, sorted. */
export function collectManifestFiles(paths: string[], options: CollectOptions = {}): string[] {
  const excludes = (options.exclude ?? []).map(globToRegExp);
  const limit = options.limit ?? 200_000;
  const out: string[] = [];
  for (const root of paths) {
    let st;
    try {
      st = statSync(root);
    } catch {
      continue;
    }
    if (st.isFile()) {
      out.push(root);
      continue;
    }
    const stack = [root];
    while (stack.length > 0 && out.length < limit) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        const rel = relative(root, p).split(sep).join('/');
        if (excludes.some((r) => r.test(rel))) continue;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) stack.push(p);
        } else if (e.isFile() && (MANIFEST.test(e.name) || e.name === 'Kustomization')) out.push(p);
      }
    }
  }
  return [...new Set(out)].sort();
}

/** Reads a file as UTF-8 text; undefined (never a throw) for unreadable or binary files. */
export function readManifestText(path: string, maxBytes = 50 * 1024 * 1024): string | undefined {
  try {
    const buf = readFileSync(path);
    if (buf.length > maxBytes) return undefined;
    // A NUL byte in the first 8 KiB means binary content, not YAML.
    if (buf.subarray(0, 8192).includes(0)) return undefined;
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } catch {
    return undefined;
  }
}
