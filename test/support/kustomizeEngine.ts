// Tests that need the kustomize engine (kubectl embeds it): under CI the engine
// must be there (the test fails); elsewhere a missing engine skips with a message.

import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { findKustomizeEngine } from '../../server/src/model/kustomizeEngine';
import { underCI } from './shared';

/** True when an engine is on PATH; otherwise fails (CI=true) or skips the test. */
export function needsEngine(t: TestContext): boolean {
  const found = findKustomizeEngine(undefined);
  if (found.engine) return true;
  if (underCI()) assert.fail(`kustomize engine required under CI: ${found.reason}`);
  t.skip(`no kustomize engine (${found.reason}); install kubectl to run this test`);
  return false;
}
