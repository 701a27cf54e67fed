// Name and format helpers, ported from upstream
// staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
// (TestIsDNS1123Label, TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsCIdentifier,
// TestIsValidPortNum, TestIsValidPortName, TestIsQualifiedName, TestIsValidLabelValue,
// TestIsConfigMapKey, TestIsRelaxedEnvVarName, TestIsValidPercent, TestIsValidIP) and
// staging/src/k8s.io/apimachinery/pkg/api/validate/content/*_test.go.
// Each value is one case: good values give no message, bad values at least one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isHTTPHeaderName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  parseIP,
  validatePathSegmentName,
} from '../../../server/src/k8s/validation/names';
import { canonicalQuantity } from '../../../server/src/k8s/validation/quantity-text';

const UPSTREAM = 'apimachinery/pkg/util/validation/validation_test.go';

function table(fn: string, check: (v: string) => string[], good: string[], bad: string[]): void {
  for (const v of good) test(`${fn} accepts ${JSON.stringify(v.length > 40 ? `${v.slice(0, 12)}...(${v.length})` : v)} (${UPSTREAM})`, () => assert.deepEqual(check(v), []));
  for (const v of bad) {
    test(`${fn} rejects ${JSON.stringify(v.length > 40 ? `${v.slice(0, 12)}...(${v.length})` : v)} (${UPSTREAM})`, () => assert.ok(check(v).length > 0, `expected errors for ${JSON.stringify(v)}`));
  }
}

table(
  'IsDNS1123Label',
  isDNS1123Label,
  ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)],
  ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)],
);

table(
  'IsDNS1123Subdomain',
  isDNS1123Subdomain,
  ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'abc.a', 'a1.a', 'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', '0.a', '01.a', '1a.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', 'a'.repeat(253)],
  ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A', 'A.1', '0.A', 'A.B.C.D.E', 'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254)],
);

table('IsDNS1035Label', isDNS1035Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)], ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'ABC', 'aBc', '-', 'a-', '-a', 'a_b', 'a.b', ' ', 'a'.repeat(64)]);

table(
  'IsCIdentifier',
  isCIdentifier,
  ['a', 'ab', 'abc', 'a1', '_a', 'a_', 'a_b', 'a_1', 'a__1__2__b', '__abc_123', 'A', 'AB', 'AbC', 'A1', '_A', 'A_', 'A_B', 'A_1', 'A__1__2__B', '__123_ABC'],
  ['', '1', '123', '1a', '-', 'a-', '-a', '1-', '-1', '1_', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', '#a#'],
);

table(
  'IsValidPortName',
  isValidPortName,
  ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'],
  ['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++', 'HTTP'],
);

table(
  'IsQualifiedName',
  isQualifiedName,
  ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now-with-dashes/now-with-dashes', 'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', 'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`],
  ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`],
);

table(
  'IsValidLabelValue',
  isValidLabelValue,
  ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''],
  ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64), 'John Doe'],
);

table('IsConfigMapKey', isConfigMapKey, ['a', 'ab', 'abc', 'a1', 'a-1', 'a_1', 'a.1', '.a', 'a.', 'A', 'KEY_NAME', 'key.name', 'tls.crt', '.dockerconfigjson'], ['', '.', '..', '..a', 'a b', 'a/b', 'a:b', 'a'.repeat(254)]);

table('IsRelaxedEnvVarName', isRelaxedEnvVarName, ['A', 'ABC', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1', '1ENV', 'a b', 'with:colon', '$dollar'], ['', 'A=B', 'tab\there', 'ünï']);

table('IsValidPercent', isValidPercent, ['0%', '1%', '93%', '100%'], ['0', '1', '%', 'a%', '1.5%', '-1%']);
table('IsHTTPHeaderName', isHTTPHeaderName, ['X-Header-Name', 'Accept', 'a-1'], ['', 'X Header', 'X_Header', 'X:H']);

test(`IsValidPortNum bounds (${UPSTREAM})`, () => {
  for (const p of [1, 80, 65535]) assert.deepEqual(isValidPortNum(p), []);
  for (const p of [0, -1, 65536]) assert.deepEqual(isValidPortNum(p), ['must be between 1 and 65535, inclusive']);
});

test(`IsValidIP (apimachinery/pkg/util/validation/ip_test.go)`, () => {
  for (const ip of ['1.2.3.4', '0.0.0.0', '255.255.255.255', '::', '::1', '2001:db8::ffff', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', 'fe80::1']) assert.ok(parseIP(ip), ip);
  for (const ip of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', 'a.b.c.d', '1.2.3.4/24', '2001:db8::g', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', 'hostname']) assert.equal(parseIP(ip), undefined, ip);
});

// Exact messages that users search for (word for word with upstream, including the double space).
test(`IsDNS1123Label message text (${UPSTREAM})`, () => {
  assert.deepEqual(isDNS1123Label('My_Name'), [
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ]);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
});

test(`IsDNS1123Subdomain message text (${UPSTREAM})`, () => {
  assert.deepEqual(isDNS1123Subdomain('PV_NAME'), [
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ]);
});

test(`IsQualifiedName message text (content/kube_test.go)`, () => {
  assert.deepEqual(isQualifiedName('example.com/'), [
    "name part must be non-empty",
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  ]);
  assert.deepEqual(isQualifiedName('/simple'), ['prefix part must be non-empty']);
});

test(`IsValidPortName message text (${UPSTREAM})`, () => {
  assert.deepEqual(isValidPortName('12345'), ['must contain at least one letter (a-z)']);
  assert.deepEqual(isValidPortName('two--hyphens'), ['must not contain consecutive hyphens']);
  assert.deepEqual(isValidPortName('end-'), ['must not begin or end with a hyphen']);
  assert.deepEqual(isValidPortName('a'.repeat(16)), ['must be no more than 15 characters']);
});

test('NameIsDNSSubdomain with prefix allows one trailing dash (apimachinery/pkg/api/validation/generic_test.go)', () => {
  assert.deepEqual(nameIsDNSSubdomain('web-', true), []);
  assert.ok(nameIsDNSSubdomain('web-', false).length > 0);
});

test('IsValidPathSegmentName (apimachinery/pkg/api/validation/path/name_test.go)', () => {
  assert.deepEqual(validatePathSegmentName('system:admin', false), []);
  assert.deepEqual(validatePathSegmentName('.', false), ["may not be '.'"]);
  assert.deepEqual(validatePathSegmentName('..', false), ["may not be '..'"]);
  assert.deepEqual(validatePathSegmentName('a/b%c', false), ["may not contain '/'", "may not contain '%'"]);
  assert.deepEqual(validatePathSegmentName('..', true), []);
});

// Quantity.String() canonical forms, from staging/src/k8s.io/apimachinery/pkg/api/resource/quantity_test.go.
const CANONICAL: [unknown, string][] = [
  ['0.5', '500m'], ['1000m', '1'], ['1000', '1k'], [1000, '1k'], ['1500', '1500'], ['1.5', '1500m'], ['2048Mi', '2Gi'],
  ['1.5Gi', '1536Mi'], ['512', '512'], ['1024', '1024'], ['128974848', '128974848'], ['129e6', '129e6'], ['0', '0'], ['100m', '100m'], ['0.1', '100m'],
];
for (const [input, want] of CANONICAL) {
  test(`Quantity.String(${JSON.stringify(input)}) = ${want} (apimachinery/pkg/api/resource/quantity_test.go)`, () => assert.equal(canonicalQuantity(input), want));
}
