// How the client starts the language server: V8 flags node accepts and applies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../../client/src/serverProcess';

test('a node process starts with the server\'s flags', () => {
  assert.ok(SERVER_NODE_FLAGS.length > 0);
  const out = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'process.stdout.write(JSON.stringify(process.execArgv))'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.deepEqual((JSON.parse(out.stdout) as string[]).slice(0, SERVER_NODE_FLAGS.length), [...SERVER_NODE_FLAGS]);
});
