import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toleratesTaint } from '../../server/src/k8s/taints';

// Cases from upstream Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go).
test('toleratesTaint follows Toleration.ToleratesTaint', () => {
  const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }, taint), true);
  assert.equal(toleratesTaint({ key: 'dedicated', value: 'db' }, taint), true, 'no operator means Equal; no effect matches every effect');
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, taint), false);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint), true);
  assert.equal(toleratesTaint({ operator: 'Exists' }, taint), true, 'empty key with Exists tolerates everything');
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint), false, 'effects must match when set');
  assert.equal(toleratesTaint({ key: 'other', operator: 'Exists' }, taint), false);
  assert.equal(toleratesTaint({ key: 'dedicated', operator: 'Gt', value: 'a' }, taint), false, 'unknown operators match nothing');
  assert.equal(toleratesTaint({ key: 'gpu', operator: 'Equal', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoSchedule' }), true, 'empty values are equal');
  assert.equal(toleratesTaint(null as never, taint), false, 'malformed input never throws');
});
