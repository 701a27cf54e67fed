import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity, cpuToMillicores, isValidQuantity, describeQuantity, formatBytes, formatCpu, quantityToInt } from '../../server/src/k8s/quantity';

test('parseQuantity: decimal SI, binary SI, exponents, plain numbers', () => {
  assert.equal(parseQuantity('1'), 1);
  assert.equal(parseQuantity('200m'), 0.2);
  assert.equal(parseQuantity('1.5'), 1.5);
  assert.equal(parseQuantity('.5'), 0.5);
  assert.equal(parseQuantity('5.'), 5);
  assert.equal(parseQuantity('+2'), 2);
  assert.equal(parseQuantity('-2k'), -2000);
  assert.equal(parseQuantity('1k'), 1000);
  assert.equal(parseQuantity('1M'), 1e6);
  assert.equal(parseQuantity('2G'), 2e9);
  assert.equal(parseQuantity('1T'), 1e12);
  assert.equal(parseQuantity('1P'), 1e15);
  assert.equal(parseQuantity('1E'), 1e18);
  assert.equal(parseQuantity('1Ki'), 1024);
  assert.equal(parseQuantity('10Mi'), 10 * 1024 * 1024);
  assert.equal(parseQuantity('1Gi'), 2 ** 30);
  assert.equal(parseQuantity('1.5Gi'), 1.5 * 2 ** 30);
  assert.equal(parseQuantity('1Ei'), 2 ** 60);
  assert.equal(parseQuantity('1e3'), 1000);
  assert.equal(parseQuantity('1E3'), 1000);
  assert.equal(parseQuantity('12e-3'), 0.012);
  assert.equal(parseQuantity('0.1k'), 100);
  assert.equal(parseQuantity(0.5), 0.5);
  assert.equal(parseQuantity(3), 3);
});

test('parseQuantity rejects what resource.ParseQuantity rejects', () => {
  for (const bad of ['', ' 1', '1 ', '1Mb', '1mi', 'Gi', '.', '1e', '1.2.3', '1KiB', '--1', '1 Gi', 'abc', '1K', '1e1.5', '0x10']) {
    assert.equal(parseQuantity(bad), undefined, bad);
    assert.equal(isValidQuantity(bad), false, bad);
  }
  assert.equal(isValidQuantity(null), false);
  assert.equal(isValidQuantity({}), false);
  assert.equal(parseQuantity(Number.NaN), undefined);
});

test('cpuToMillicores rounds up like MilliValue', () => {
  assert.equal(cpuToMillicores('200m'), 200);
  assert.equal(cpuToMillicores('1'), 1000);
  assert.equal(cpuToMillicores('0.5'), 500);
  assert.equal(cpuToMillicores('2.5'), 2500);
  assert.equal(cpuToMillicores('0.1'), 100);
  assert.equal(cpuToMillicores('0.0001'), 1);
  assert.equal(cpuToMillicores(2), 2000);
  assert.equal(cpuToMillicores('x'), undefined);
  assert.equal(quantityToInt('1.5'), 2);
});

test('formatting and hover descriptions', () => {
  assert.equal(describeQuantity('cpu', '200m'), '200m = 0.2 CPU');
  assert.equal(describeQuantity('cpu', '2'), '2 = 2 CPUs (2000m)');
  assert.equal(describeQuantity('memory', '10Mi'), '10Mi = 10,485,760 bytes');
  assert.equal(describeQuantity('memory', '1G'), '1G = 1,000,000,000 bytes (953.67Mi)');
  assert.equal(describeQuantity('limits.memory', '1Gi'), '1Gi = 1,073,741,824 bytes');
  assert.equal(describeQuantity('nvidia.com/gpu', '2'), '2 = 2');
  assert.match(describeQuantity('memory', '1Mb'), /not a valid quantity/);
  assert.equal(formatBytes(1536), '1.5Ki');
  assert.equal(formatBytes(100), '100 bytes');
  assert.equal(formatCpu(1000), '1 CPU');
});

test('no floating-point noise in millicores', () => {
  assert.equal(cpuToMillicores('0.07'), 70);
  assert.equal(cpuToMillicores('0.07k'), 70000);
  assert.equal(cpuToMillicores('1.1'), 1100);
  assert.equal(cpuToMillicores('0.0011'), 2);
  assert.equal(cpuToMillicores(0.07), 70);
  assert.equal(parseQuantity('0.1k'), 100);
});
