// The TextMate injection grammar, tokenized with vscode-textmate + vscode-oniguruma
// on top of the real YAML grammar (from the tm-grammars package), as VS Code does.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';

const require_ = createRequire(__filename);
const INJECTION = JSON.parse(readFileSync(resolve(__dirname, '../../syntaxes/kubernetes.injection.tmLanguage.json'), 'utf8'));
const YAML_GRAMMAR = require_('tm-grammars/grammars/yaml.json');

let yamlOnly: vsctm.IGrammar;
let injected: vsctm.IGrammar;

before(async () => {
  await onig.loadWASM(readFileSync(require_.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  const onigLib = Promise.resolve({
    createOnigScanner: (s: string[]) => new onig.OnigScanner(s),
    createOnigString: (s: string) => new onig.OnigString(s),
  });
  const make = (inject: boolean) =>
    new vsctm.Registry({
      onigLib,
      loadGrammar: async (scope) => (scope === 'source.yaml' ? YAML_GRAMMAR : scope === INJECTION.scopeName ? INJECTION : null),
      getInjections: (scope) => (inject && scope === 'source.yaml' ? [INJECTION.scopeName] : undefined),
    });
  yamlOnly = (await make(false).loadGrammar('source.yaml'))!;
  injected = (await make(true).loadGrammar('source.yaml'))!;
});

type Tok = { text: string; scopes: string[] };

function tokenize(grammar: vsctm.IGrammar, text: string): Tok[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopesOf(lines: Tok[][], line: number, text: string): string[] {
  const tok = lines[line].find((t) => t.text === text);
  assert.ok(tok, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return tok.scopes;
}

const SAMPLE = `apiVersion: apps/v1
kind: Deployment
spec:
  replicas: 3
  template:
    spec:
      affinity:
        nodeAffinity:
          - key: zone
            operator: NotIn
      containers:
        - resources:
            requests: { cpu: 200m }
            limits:
              memory: 1.5Gi   # comment
# kind: Commented
name: "kind: Quoted"
script: |
  kind: InsideBlock
  cpu: 300m
other: 200mx`;

test('grammar declares an injection into YAML', () => {
  assert.equal(INJECTION.scopeName, 'kubernetes.injection');
  assert.match(INJECTION.injectionSelector, /^L:source\.yaml\b/);
});

test('apiVersion, kind, quantities and selector operators get Kubernetes scopes', () => {
  const t = tokenize(injected, SAMPLE);
  assert.ok(scopesOf(t, 0, 'apps').includes('entity.name.namespace.api-group.kubernetes'));
  assert.ok(scopesOf(t, 0, 'v1').includes('constant.language.api-version.kubernetes'));
  assert.ok(scopesOf(t, 1, 'Deployment').includes('entity.name.type.kind.kubernetes'));
  assert.ok(scopesOf(t, 9, 'NotIn').includes('keyword.operator.selector.kubernetes'));
  assert.ok(scopesOf(t, 12, '200').includes('constant.numeric.quantity.kubernetes'), 'quantity in a flow mapping');
  assert.ok(scopesOf(t, 12, 'm').includes('keyword.other.unit.kubernetes'));
  assert.ok(scopesOf(t, 14, '1.5').includes('constant.numeric.quantity.kubernetes'));
  assert.ok(scopesOf(t, 14, 'Gi').includes('keyword.other.unit.kubernetes'));
});

test('comments, quoted strings, block scalars and non-quantities are left alone', () => {
  const t = tokenize(injected, SAMPLE);
  const k8s = (line: number) => t[line].some((tok) => tok.scopes.some((s) => s.endsWith('.kubernetes')));
  assert.ok(!k8s(15), 'comment');
  assert.ok(!k8s(16), 'quoted string');
  assert.ok(!k8s(18) && !k8s(19), 'block scalar content');
  assert.ok(!k8s(20), '200mx is not a quantity');
  assert.ok(!k8s(3), 'a plain integer is not highlighted as a quantity');
});

test('YAML highlighting is unchanged apart from the added scopes', () => {
  const plain = tokenize(yamlOnly, SAMPLE);
  const inj = tokenize(injected, SAMPLE);
  plain.forEach((line, i) => {
    // Keys, punctuation and comments keep exactly their YAML tokens and scopes.
    for (const tok of line) {
      if (!tok.scopes.some((s) => /entity\.name\.tag|punctuation|comment|string\.quoted/.test(s))) continue;
      const same = inj[i].find((x) => x.text === tok.text && x.scopes.join(' ') === tok.scopes.join(' '));
      assert.ok(same, `line ${i}: token ${JSON.stringify(tok.text)} ${tok.scopes.join(' ')} changed`);
    }
    // The line's state does not leak: the following lines tokenize the same.
    assert.equal(inj[i].map((x) => x.text).join(''), line.map((x) => x.text).join(''));
  });
});
