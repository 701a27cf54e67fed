import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, applyAction, commentsOf, find, makeCtx, parseAll } from '../../support/codeActions';
import { decodeForStringData, encodeForData } from '../../../server/src/features/actions/secretDecode';

const uri = 'file:///w/app.yaml';

const DEPLOYMENT = `# web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web   # the app
        version: v2
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
          name: http
        - containerPort: 9090
        env:
        - name: MODE
          value: prod   # mode
        - name: PORT
          value: "8080"
        - name: POD
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
`;

test('Edit decoded: data -> stringData -> data round-trips exactly; binary stays in data; comments survive', () => {
  const text = `apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
data:
  # the user
  user: ${encodeForData('admin')}
  bin: ${Buffer.from([0xff, 0x00, 0x80]).toString('base64')}
  multi: ${encodeForData('line1\nline2\n')}
  spaces: ${encodeForData('  leading and trailing  ')}
  unicode: ${encodeForData('héllo ✓')}
  empty: ""
`;
  const ctx = makeCtx({ [uri]: text });
  const decode = find(actionsFor(ctx, uri, { at: 'user:' }), /^Edit decoded/);
  assert.match(decode.title, /1 binary value stays in data/);
  const decoded = applyAction(uri, text, decode);
  const [obj] = parseAll(decoded);
  assert.deepEqual(obj.stringData, { user: 'admin', multi: 'line1\nline2\n', spaces: '  leading and trailing  ', unicode: 'héllo ✓', empty: '' });
  assert.deepEqual(Object.keys(obj.data), ['bin']);
  assert.deepEqual(commentsOf(decoded), commentsOf(text));
  // And back.
  const ctx2 = makeCtx({ [uri]: decoded });
  const encode = find(actionsFor(ctx2, uri, { at: 'stringData' }), /^Encode stringData/);
  const [back] = parseAll(applyAction(uri, decoded, encode));
  assert.equal(back.stringData, undefined);
  const [orig] = parseAll(text);
  assert.deepEqual(back.data, orig.data);
});

test('Edit decoded renames data in place when every value is text (order and comments kept)', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  b: YWRtaW4=  # user\n  a: cGFzcw==\n';
  const ctx = makeCtx({ [uri]: text });
  const out = applyAction(uri, text, find(actionsFor(ctx, uri, { at: 'kind' }), /^Edit decoded/));
  assert.equal(out, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  b: admin  # user\n  a: pass\n');
  // Secrets are never decoded unless the action is applied: no action carries the plain value in its title.
  assert.ok(actionsFor(ctx, uri, { at: 'kind' }).every((a) => !a.title.includes('admin')));
});

test('decodeForStringData keeps non-canonical and non-UTF-8 values encoded', () => {
  assert.equal(decodeForStringData('YWRtaW4='), 'admin');
  assert.equal(decodeForStringData('YWRtaW4'), undefined); // missing padding
  assert.equal(decodeForStringData(Buffer.from([0xc3, 0x28]).toString('base64')), undefined); // invalid UTF-8
  assert.equal(decodeForStringData('YWRt\naW4='), undefined); // folded
});

test('Add Service: ports from containers, selector from the workload, appended as a new document', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const a = find(actionsFor(ctx, uri, { at: 'replicas' }), /^Add Service/);
  const out = applyAction(uri, DEPLOYMENT, a);
  assert.ok(out.startsWith(DEPLOYMENT), 'the workload text is unchanged');
  const docs = parseAll(out);
  assert.equal(docs.length, 2);
  assert.deepEqual(docs[1], {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'tcp-9090', port: 9090, targetPort: 9090 }] },
  });
});

test('Add PodDisruptionBudget selects the workload pods', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const out = applyAction(uri, DEPLOYMENT, find(actionsFor(ctx, uri, { at: 'replicas' }), /^Add PodDisruptionBudget/));
  const pdb = parseAll(out)[1];
  assert.equal(pdb.apiVersion, 'policy/v1');
  assert.deepEqual(pdb.spec.selector, { matchLabels: { app: 'web' } });
  assert.equal(pdb.metadata.namespace, 'shop');
});

test('Extract env (envFrom): literal values move to a ConfigMap, valueFrom entries stay', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const out = applyAction(uri, DEPLOYMENT, find(actionsFor(ctx, uri, { at: 'MODE' }), /\(envFrom\)$/));
  const [dep, cm] = parseAll(out);
  const c = dep.spec.template.spec.containers[0];
  assert.deepEqual(c.env.map((e: { name: string }) => e.name), ['POD']);
  assert.deepEqual(c.envFrom, [{ configMapRef: { name: 'web-env' } }]);
  assert.deepEqual(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-env', namespace: 'shop' }, data: { MODE: 'prod', PORT: '8080' } });
  assert.ok(out.includes('# web tier') && out.includes('# the app'));
});

test('Extract env (configMapKeyRef): each literal becomes a key reference in place', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const out = applyAction(uri, DEPLOYMENT, find(actionsFor(ctx, uri, { at: 'MODE' }), /configMapKeyRef/));
  const [dep] = parseAll(out);
  const env = dep.spec.template.spec.containers[0].env;
  assert.deepEqual(env[0], { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'web-env', key: 'MODE' } } });
  assert.deepEqual(env[1], { name: 'PORT', valueFrom: { configMapKeyRef: { name: 'web-env', key: 'PORT' } } });
  assert.deepEqual(env[2].valueFrom, { fieldRef: { fieldPath: 'metadata.name' } });
  assert.ok(out.includes('# mode'));
});

test('Add resource requests and limits; copies the existing side', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const out = applyAction(uri, DEPLOYMENT, find(actionsFor(ctx, uri, { at: 'nginx:1.25' }), /^Add resource requests and limits/));
  const c = parseAll(out)[0].spec.template.spec.containers[0];
  assert.deepEqual(c.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  const partial = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: i\n      resources:\n        requests:\n          memory: 1Gi\n';
  const ctx2 = makeCtx({ [uri]: partial });
  const out2 = applyAction(uri, partial, find(actionsFor(ctx2, uri, { at: 'image' }), /^Add resource/));
  assert.deepEqual(parseAll(out2)[0].spec.containers[0].resources, { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
});

test('generated YAML follows the file indentation (4 spaces, flush sequences)', () => {
  const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n    name: db\nspec:\n    selector:\n        matchLabels:\n            app: db\n    template:\n        metadata:\n            labels:\n                app: db\n        spec:\n            containers:\n            - name: pg\n              image: postgres\n              ports:\n              - containerPort: 5432\n';
  const ctx = makeCtx({ [uri]: text });
  const out = applyAction(uri, text, find(actionsFor(ctx, uri, { at: 'postgres' }), /^Add resource/));
  assert.ok(out.includes('\n              resources:\n                  requests:\n                      cpu: 100m\n'), out);
  const svc = applyAction(uri, text, find(actionsFor(ctx, uri, { at: 'postgres' }), /^Add Service/));
  assert.ok(svc.includes('\nspec:\n    selector:\n        app: db\n    ports:\n    - port: 5432\n'), svc);
});

test('refactorings are filtered by context.only and absent for non-workloads', () => {
  const ctx = makeCtx({ [uri]: DEPLOYMENT });
  const only = actionsFor(ctx, uri, { at: 'replicas', only: ['refactor.rewrite'] });
  assert.ok(only.length > 0 && only.every((a) => a.kind === 'refactor.rewrite'));
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n';
  assert.deepEqual(actionsFor(makeCtx({ [uri]: cm }), uri, { at: 'a: b' }), []);
});

test('malformed documents never throw', () => {
  for (const text of ['', '---\n', 'kind: [\n', 'apiVersion: apps/v1\nkind: Deployment\nspec: 3\n', 'apiVersion: v1\nkind: Secret\ndata: [1, 2]\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n']) {
    const ctx = makeCtx({ [uri]: text });
    assert.doesNotThrow(() => actionsFor(ctx, uri, { at: text.slice(0, 1) || undefined }));
  }
});
