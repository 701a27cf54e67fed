// k8s/nodeAffinity: node selector terms as component-helpers' nodeaffinity
// matches them (cases after upstream nodeaffinity_test.go TestNodeSelectorMatch
// and node_affinity_test.go getPreFilterNodeNames).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeSelectorMatches, podNodeAffinityMatches, preFilterNodeNames, termMatches, termMisses } from '../../server/src/k8s/nodeAffinity';

const node = { name: 'node-a', labels: { zone: 'us-1', disk: 'ssd', cores: '8' } };

test('label expressions: In, NotIn, Exists, DoesNotExist, Gt, Lt', () => {
  assert.equal(termMatches({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-1', 'us-2'] }] }, node), true);
  assert.equal(termMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['us-1'] }] }, node), false);
  assert.equal(termMatches({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }, node), true);
  assert.equal(termMatches({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }, node), true);
  assert.equal(termMatches({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }, node), false);
  // Gt with two values is invalid: the term matches nothing.
  assert.equal(termMatches({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4', '5'] }] }, node), false);
});

test('matchFields: metadata.name In/NotIn with exactly one value; more values make the term invalid', () => {
  assert.equal(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }, node), true);
  assert.equal(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-a'] }] }, node), false);
  assert.equal(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a', 'node-b'] }] }, node), false);
  assert.equal(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }, node), false);
  assert.match(termMisses({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a', 'node-b'] }] }, node)[0], /exactly one value \(got 2\)/);
  // Expressions AND fields within a term.
  assert.equal(termMatches({ matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }, node), false);
});

test('terms are ORed; an empty or invalid term matches nothing but the others still count', () => {
  assert.equal(nodeSelectorMatches({ nodeSelectorTerms: [{}] }, node), false);
  assert.equal(nodeSelectorMatches({ nodeSelectorTerms: [] }, node), false);
  assert.equal(nodeSelectorMatches({ nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Bogus', values: ['x'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] }, node), true);
  assert.equal(podNodeAffinityMatches({ nodeSelector: { disk: 'ssd' } }, node), true);
  assert.equal(podNodeAffinityMatches({ nodeSelector: { disk: 'hdd' } }, node), false);
  assert.equal(podNodeAffinityMatches({}, node), true);
});

test('PreFilter node names: intersect within a term, unite across terms, null when a term pins none', () => {
  const pin = (...values: string[]) => ({ key: 'metadata.name', operator: 'In', values });
  assert.deepEqual([...preFilterNodeNames({ nodeSelectorTerms: [{ matchFields: [pin('a')] }, { matchFields: [pin('b')] }] })!].sort(), ['a', 'b']);
  assert.deepEqual([...preFilterNodeNames({ nodeSelectorTerms: [{ matchFields: [pin('a', 'b'), pin('b', 'c')] }] })!], ['b']);
  assert.equal(preFilterNodeNames({ nodeSelectorTerms: [{ matchFields: [pin('a')] }, { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }] }), null);
  assert.equal(preFilterNodeNames(undefined), null);
});
