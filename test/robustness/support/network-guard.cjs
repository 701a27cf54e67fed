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
// One exception: execFile of the Kustomize engine (kubectl kustomize / kustomize build),
// which server/src/model/kustomizeEngine.ts runs in trusted workspaces. Anything
// else (another binary, a shell, plugin/exec flags) is a violation.
const childProcess = require('child_process');
const realExecFile = childProcess.execFile;
guard('child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
childProcess.execFile = function execFile(file, args, options, callback) {
  const name = require('path').basename(String(file)).replace(/\.exe$/i, '');
  const argv = Array.isArray(args) ? args.map(String) : [];
  const engine = (name === 'kubectl' && argv[0] === 'kustomize') || (name === 'kustomize' && argv[0] === 'build');
  const unsafe = argv.some((a) => /^--(enable-alpha-plugins|enable-exec|enable-helm|enable-star|helm-command)/.test(a));
  const shell = options && typeof options === 'object' && options.shell;
  if (!engine || unsafe || shell) return report(`child_process.execFile(${JSON.stringify([file, ...argv])})`);
  process.stderr.write(`DRYDOCK-ENGINE: ${name} ${argv.join(' ')}\n`);
  return realExecFile.call(this, file, args, options, callback);
};
guard('dns', ['lookup', 'resolve', 'resolve4', 'resolve6']);
globalThis.fetch = () => report('fetch');
globalThis.WebSocket = function WebSocket() {
  report('WebSocket');
};
