// Preloaded (node --require) into the language server by bundle-safety.test.ts:
// makes every network and process-spawning API report itself on stderr and
// throw, so a test can prove the server never reaches them at runtime.
'use strict';
const report = (api) => {
  process.stderr.write(`DRYDOCK-GUARD: ${api} was called\n`);
  throw new Error(`DRYDOCK-GUARD: ${api} is forbidden in the language server`);
};
const guard = (modName, fns) => {
  const mod = require(modName);
  for (const fn of fns) {
    if (typeof mod[fn] === 'function') mod[fn] = () => report(`${modName}.${fn}`);
  }
};
guard('net', ['connect', 'createConnection', 'createServer']);
guard('http', ['request', 'get', 'createServer']);
guard('https', ['request', 'get', 'createServer']);
guard('http2', ['connect', 'createServer', 'createSecureServer']);
guard('tls', ['connect', 'createServer']);
guard('dgram', ['createSocket']);
guard('child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
guard('dns', ['lookup', 'resolve', 'resolve4', 'resolve6']);
globalThis.fetch = () => report('fetch');
globalThis.WebSocket = function WebSocket() {
  report('WebSocket');
};
