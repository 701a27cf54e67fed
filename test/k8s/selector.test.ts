import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector, selectorFromLabelSelector, selectorFromSet, selectorFromMap, newRequirement } from '../../server/src/k8s/selector';

const matchCases: Array<[string, Record<string, string>, boolean]> = [
  ['', { x: 'y' }, true],
  ['x=y', { x: 'y' }, true],
  ['x=y,z=w', { x: 'y', z: 'w' }, true],
  ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
  ['notin=in', { notin: 'in' }, true],
  ['x', { x: 'z' }, true],
  ['!x', { y: 'z' }, true],
  ['x>1', { x: '2' }, true],
  ['x<1', { x: '0' }, true],
  ['x=z', {}, false],
  ['x=y', { x: 'z' }, false],
  ['x=y,z=w', { x: 'w', z: 'w' }, false],
  ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
  ['x', { y: 'z' }, false],
  ['!x', { x: 'z' }, false],
  ['x>1', { x: '0' }, false],
  ['x<1', { x: '2' }, false],
  ['foo=bar', { foo: 'bar', baz: 'blah' }, true],
  ['baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
  ['foo=blah', { foo: 'bar', baz: 'blah' }, false],
  ['baz=bar', { foo: 'bar', baz: 'blah' }, false],
  ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
  ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
  ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
  ['x notin (),y', { y: '' }, true],
  ['!x,y', { y: '' }, true],
  ['x notin (),!y', { y: '' }, false],
  ['x in ()', { y: 'baz' }, false],
  ['z>1', { z: '2' }, true],
  ['z>1', { z: 'v2' }, false],
];

test('match table (apimachinery selector_test.go)', () => {
  for (const [sel, labels, expected] of matchCases) {
    const { selector, error } = parseSelector(sel);
    assert.equal(error, undefined, `${sel}: ${error}`);
    assert.equal(selector.matches(labels), expected, `${sel} vs ${JSON.stringify(labels)}`);
  }
});

test('SelectorFromSet and LabelSelectorAsSelector', () => {
  const labels = { foo: 'bar', baz: 'blah' };
  assert.equal(selectorFromSet({}).matches(labels), true);
  assert.equal(selectorFromSet({ foo: 'bar' }).matches(labels), true);
  assert.equal(selectorFromSet({ baz: 'blah' }).matches(labels), true);
  assert.equal(selectorFromSet({ foo: 'bar', baz: 'blah' }).matches(labels), true);
  assert.equal(selectorFromSet({ foo: 'baz' }).matches(labels), false);
  assert.equal(selectorFromLabelSelector(null).matches(labels), false);
  assert.equal(selectorFromLabelSelector(undefined).matches({}), false);
  assert.equal(selectorFromLabelSelector({}).matches(labels), true);
  assert.equal(selectorFromLabelSelector({}).matches({}), true);
  // Service form: empty selector selects nothing.
  assert.equal(selectorFromMap({}).matches(labels), false);
  assert.equal(selectorFromMap(undefined).matches(labels), false);
  assert.equal(selectorFromMap({ foo: 'bar' }).matches(labels), true);

  const s = selectorFromLabelSelector({ matchLabels: { foo: 'bar' }, matchExpressions: [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }] });
  assert.equal(s.toString(), 'baz in (norf,qux),foo=bar');
  assert.deepEqual(s.errors, []);
  assert.equal(s.matches({ foo: 'bar', baz: 'norf' }), true);
  assert.equal(s.matches({ foo: 'bar', baz: 'other' }), false);

  const bad = selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] });
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0], /values set must be empty for exists and does not exist/);
  assert.equal(bad.matches({ a: 'x' }), false);
  const gt = selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] });
  assert.deepEqual(gt.errors, ['"Gt" is not a valid label selector operator']);
  const noValues = selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] });
  assert.match(noValues.errors[0], /values set can't be empty/);
  const dne = selectorFromLabelSelector({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }, { key: 'b', operator: 'NotIn', values: ['x'] }] });
  assert.equal(dne.toString(), '!a,b notin (x)');
  assert.equal(dne.matches({ b: 'y' }), true);
  assert.equal(dne.matches({}), true);
  assert.equal(dne.matches({ a: '' }), false);
});

test('valid parses round-trip to String() without spaces', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    const { selector, error } = parseSelector(s);
    assert.equal(error, undefined, s);
    assert.equal(selector.toString(), s.replace(/ /g, ''), s);
  }
  for (const s of ['\rx', 'this-is-a-dns.domain.com/key-with-dash', '0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', 'foo  in\t (abc)', 'x notin\n (abc)', 'x notin (abc,,def),bar,z in (),w', 'x,y in (a)', 'a ']) {
    assert.equal(parseSelector(s).error, undefined, JSON.stringify(s));
  }
});

test('value sets from parsing', () => {
  const values = (s: string) => parseSelector(s).selector.requirements[0].values;
  assert.deepEqual(values('x in (abc,)'), ['', 'abc']);
  assert.deepEqual(values('x in (abc,abc)'), ['abc']);
  assert.deepEqual(values('x in ()'), ['']);
  assert.deepEqual(values('x in (a,,,,,,)'), ['', 'a']);
  assert.deepEqual(values('x in (a,,)'), ['', 'a']);
  assert.deepEqual(values('x in (a,,a,,a,,a,,)'), ['', 'a']);
  assert.deepEqual(values('x notin ( )'), ['']);
  assert.deepEqual(values('x notin (, a)'), ['', 'a']);
  assert.deepEqual(values('a in (x,y,notin, z,in)'), ['in', 'notin', 'x', 'y', 'z']);
  const a = parseSelector('a ').selector.requirements[0];
  assert.equal(a.operator, 'exists');
  // Requirements are sorted by key.
  assert.equal(parseSelector('z=1,a=2').selector.toString(), 'a=2,z=1');
});

test('invalid parses give a message and match nothing', () => {
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x,,y', ',x,y', 'x nott in (y)', 'a in (xyz),', 'a in (xyz)b notin ()', 'a in (xyz abc)', 'a notin(', 'a (', '(']) {
    const r = parseSelector(s);
    assert.ok(r.error, `expected error for ${JSON.stringify(s)}`);
    assert.equal(r.selector.matches({ x: 'a', a: 'xyz', y: 'b' }), false);
  }
  assert.match(parseSelector('x nott in (y)').error!, /found 'nott', expected/);
});

test('NewRequirement validation', () => {
  assert.ok(newRequirement('x', 'in', []).errors.length);
  assert.ok(newRequirement('x', 'notin', []).errors.length);
  assert.ok(newRequirement('x', '=', ['a', 'b']).errors.length);
  assert.ok(newRequirement('x', 'exists', ['a']).errors.length);
  assert.ok(newRequirement('x', 'gt', []).errors.length);
  assert.ok(newRequirement('x', 'gt', ['bar']).errors.length);
  assert.ok(newRequirement('x'.repeat(254), 'exists', []).errors.length);
  assert.ok(newRequirement('x', '=', ['v'.repeat(254)]).errors.length);
  assert.ok(newRequirement('x', '=', ['a b']).errors.length);
  assert.ok(newRequirement('x', 'bogus' as never, []).errors.length);
  assert.deepEqual(newRequirement('example.com/x', 'in', ['b', 'a']).requirement, { key: 'example.com/x', operator: 'in', values: ['a', 'b'] });
  assert.ok(newRequirement('Example.com/x', 'exists', []).errors.length, 'prefix must be lowercase');
  assert.ok(newRequirement('a/b/c', 'exists', []).errors.length);
});
