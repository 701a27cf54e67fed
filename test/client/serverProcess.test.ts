// How the client starts the language server: V8 flags node accepts, and allocator
// settings added to the user's environment without overriding theirs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER_ALLOCATOR_ENV, SERVER_NODE_FLAGS, serverAllocatorEnv } from '../../client/src/serverProcess';

test('allocator settings: added when the environment has none, the user\'s own kept', () => {
  assert.deepEqual(serverAllocatorEnv({ PATH: '/usr/bin' }), SERVER_ALLOCATOR_ENV);
  assert.ok(Object.keys(SERVER_ALLOCATOR_ENV).length > 0);
  const [first, ...rest] = Object.keys(SERVER_ALLOCATOR_ENV);
  const env = serverAllocatorEnv({ [first]: '8' });
  assert.equal(env[first], undefined, 'the user\'s value is not overridden (the client merges ours into theirs)');
  assert.deepEqual(Object.keys(env).sort(), [...rest].sort());
});

test('a node process starts with the server\'s flags and environment', () => {
  const out = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'process.stdout.write(JSON.stringify(process.env))'], {
    env: { ...process.env, ...serverAllocatorEnv({}) },
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, out.stderr);
  const seen = JSON.parse(out.stdout) as Record<string, string>;
  for (const [name, value] of Object.entries(SERVER_ALLOCATOR_ENV)) assert.equal(seen[name], value);
});
