// How the language server process is started: its V8 flags and its C allocator
// settings. They live in serverProcess.json, which `npm run bench`
// (bench/scenarios.mjs) reads too, so the bench measures the process users get.

import launch from './serverProcess.json';

/**
 * V8 flags of the language server process. A 2 MB young generation (V8's default
 * grows it to 16 MB per semi-space) keeps ~30 MB less memory committed in the
 * server and again in its simulation worker, which inherits the flags; the
 * collections it costs are short (what survives is the parsed workspace, which
 * is kept anyway).
 */
export const SERVER_NODE_FLAGS: readonly string[] = launch.nodeFlags;

/**
 * glibc malloc settings of the server process (other C libraries ignore them).
 * Memory outside the JS heap (file reads, the encoded diagnostics of a big file:
 * half a megabyte per publish, I/O buffers) is malloc'd. glibc raises its mmap
 * threshold each time such a block is freed, so later blocks of that size come
 * from its arenas, which fragment and are not given back; and every thread (the
 * simulation worker, libuv's pool, V8's helpers) gets an arena of its own. A fixed
 * 128 KB threshold and two arenas: 17-23 MB less RSS after the bench's
 * corpus-file run (docs/performance.md).
 */
export const SERVER_ALLOCATOR_ENV: Readonly<Record<string, string>> = launch.env;

/** The allocator settings the user's environment does not set already (theirs win). */
export function serverAllocatorEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(SERVER_ALLOCATOR_ENV)) if (base[name] === undefined) env[name] = value;
  return env;
}
