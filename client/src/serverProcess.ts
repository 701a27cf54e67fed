// How the language server process is started. The flags live in
// serverProcess.json, which `npm run bench` (bench/scenarios.mjs) reads too, so
// the bench measures the process users get.

import launch from './serverProcess.json';

/**
 * V8 flags of the language server process. A 2 MB young generation (V8's default
 * grows it to 16 MB per semi-space) keeps ~30 MB less memory committed in the
 * server and again in its simulation worker, which inherits the flags; the
 * collections it costs are short (what survives is the parsed workspace, which
 * is kept anyway). glibc malloc settings (MALLOC_MMAP_THRESHOLD_, MALLOC_ARENA_MAX)
 * cut 14-23 MB of RSS but slowed cold starts by 4-40%, so none are set
 * (docs/performance.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = launch.nodeFlags;
