// One completion test per row of the relations table (model/relations.ts),
// GENERATED from the table: for each row a source object is written with the
// row's path, a target object it can point at is put beside it, and completion at
// the path (over LSP) must offer that target — its name, a label value it
// carries, a taint key, a container port name. A decoy of another kind (name
// rows) must not be offered. A new row is covered without writing a test.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { kindsByPreference } from '../../../server/src/features/completion/kinds';
import { kindIsNamespaced } from '../../../server/src/model/index';
import { pathSegments, podHolderOf, RELATIONS, type KindRef, type Relation } from '../../../server/src/model/relations';
import { InProcessClient } from '../../support/inProcess';

const CURSOR = 'CURSOR_HERE_0';
const PREFERRED = kindsByPreference();

let client: InProcessClient;
before(async () => {
  client = new InProcessClient();
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

function apiVersionOf(k: KindRef): string {
  const info = PREFERRED.get(k.kind)?.find((i) => i.group === k.group);
  return info?.apiVersion ?? (k.group ? `${k.group}/v1` : 'v1');
}

type Obj = Record<string, any>;

function object(k: KindRef, name: string, ns: string, extra: Obj = {}): Obj {
  const metadata: Obj = { name, ...(kindIsNamespaced(k.group, k.kind) ? { namespace: ns } : {}), ...(extra.metadata ?? {}) };
  return { apiVersion: apiVersionOf(k), kind: k.kind, ...extra, metadata };
}

/** Builds `root` along a path pattern (first alternative, one item per `*`), ending in `leaf`; returns the map holding the leaf. */
function build(root: Obj, pattern: string[][], leaf: unknown): Obj {
  let cur: any = root;
  let holder: Obj = root;
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i][0];
    const last = i === pattern.length - 1;
    const nextIsSeq = !last && pattern[i + 1][0] === '*';
    if (seg === '*') {
      if (last) {
        cur.push(leaf);
        return leaf as Obj;
      }
      const item = nextIsSeq ? [] : {};
      cur.push(item);
      cur = item;
      continue;
    }
    if (last) {
      cur[seg] = leaf;
      holder = cur;
      return holder;
    }
    cur[seg] ??= nextIsSeq ? [] : {};
    cur = cur[seg];
  }
  return holder;
}

/** A workload whose pod template carries `labels` (and a named container port). */
function workload(name: string, ns: string, labels: Obj, port?: string): Obj {
  return object({ group: 'apps', kind: 'Deployment' }, name, ns, {
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx', ...(port ? { ports: [{ name: port, containerPort: 8080 }] } : {}) }] } },
    },
  });
}

interface Case {
  docs: Obj[];
  expected: string;
  decoy?: string;
}

/** The source object of a row (a Deployment for pod-spec rows) and the row's full path pattern in it. */
function sourceOf(rel: Relation, n: number, ns: string): { src: Obj; pattern: string[][] } {
  const source: KindRef = rel.from === 'pod-spec' ? { group: 'apps', kind: 'Deployment' } : rel.from.kinds[0];
  const src = object(source, `source-${n}`, ns);
  const holder = podHolderOf(source.group, source.kind);
  const specPath = rel.from === 'pod-spec' ? [...holder!.templatePath, 'spec'] : [];
  if (holder) {
    // Pod holders get a template (the own-template selector rows select it).
    build(src, holder.templatePath.map((s) => [s]), { metadata: { labels: { [`k${n}`]: `v${n}` } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } });
  }
  return { src, pattern: [...specPath.map((s) => [s]), ...pathSegments(rel.path)] };
}

/** The source, its target and what completion must offer, for one row. */
function caseFor(rel: Relation, n: number): Case {
  const ns = `rel-${n}`;
  const key = `k${n}`;
  const value = `v${n}`;
  const { src, pattern } = sourceOf(rel, n, ns);
  const docs: Obj[] = [src];
  if (rel.by === 'name') {
    let target: KindRef;
    const leafHolder = build(src, pattern, CURSOR);
    if ('kind' in rel.target) target = rel.target;
    else {
      target = rel.target.apiVersionSibling ? { group: 'apps', kind: 'Deployment' } : { group: rel.target.group ?? '', kind: 'Role' };
      leafHolder[rel.target.kindSibling] = target.kind;
      if (rel.target.apiVersionSibling) leafHolder[rel.target.apiVersionSibling] = apiVersionOf(target);
    }
    if (rel.when?.equals) leafHolder[rel.when.sibling] = rel.when.equals[0];
    const decoyKind: KindRef = target.kind === 'ConfigMap' ? { group: '', kind: 'Secret' } : { group: '', kind: 'ConfigMap' };
    docs.push(object(target, `target-${n}`, ns), object(decoyKind, `decoy-${n}`, ns));
    return { docs, expected: `target-${n}`, decoy: `decoy-${n}` };
  }
  if (rel.by === 'port-name') {
    build(src, [['spec'], ['selector']], { [key]: value });
    build(src, pattern, CURSOR);
    docs.push(workload(`target-${n}`, ns, { [key]: value }, `port-${n}`));
    return { docs, expected: `port-${n}` };
  }
  const leaf: Record<typeof rel.form, unknown> = {
    map: { [key]: CURSOR },
    labelSelector: { matchLabels: { [key]: CURSOR } },
    nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: [CURSOR] }] }],
    nodeSelectorTerm: { matchExpressions: [{ key, operator: 'In', values: [CURSOR] }] },
    toleration: { key: CURSOR },
  };
  const selHolder = build(src, pattern, leaf[rel.form]);
  if (rel.when?.equals) selHolder[rel.when.sibling] = rel.when.equals[0] === 'true' ? true : rel.when.equals[0];
  const t = rel.targets;
  if (t === 'pods') docs.push(workload(`target-${n}`, ns, { [key]: value }));
  else if (t === 'own-template') {
    // The source's own template already carries the pair.
  } else if (rel.form === 'toleration') {
    docs.push(object(t, `target-${n}`, ns, { spec: { taints: [{ key: `taint-${n}`, value: 'x', effect: 'NoSchedule' }] } }));
    return { docs, expected: `taint-${n}` };
  } else docs.push(object(t, `target-${n}`, ns, { metadata: { labels: { [key]: value } } }));
  return { docs, expected: value };
}

function cursorOf(text: string): { text: string; line: number; character: number } {
  const i = text.indexOf(CURSOR);
  assert.ok(i >= 0, 'cursor marker');
  const out = text.slice(0, i) + text.slice(i + CURSOR.length);
  const before = out.slice(0, i);
  return { text: out, line: before.split('\n').length - 1, character: i - before.lastIndexOf('\n') - 1 };
}

RELATIONS.forEach((rel, n) => {
  test(`relation ${rel.id} (${rel.path}): completion offers what it points at`, async () => {
    const c = caseFor(rel, n);
    const dir = `file:///tmp/drydock-completion-relations/row-${n}`;
    const [source, ...targets] = c.docs;
    client.open(`${dir}/targets.yaml`, targets.map((d) => stringify(d)).join('---\n'));
    const { text, line, character } = cursorOf(stringify(source));
    client.open(`${dir}/source.yaml`, text);
    const res = await client.completion(`${dir}/source.yaml`, line, character);
    const items: any[] = Array.isArray(res) ? res : res.items;
    const labels = items.map((x) => x.label);
    assert.ok(labels.includes(c.expected), `expected "${c.expected}" at line ${line}:${character} of\n${text}\ngot ${JSON.stringify(labels.slice(0, 20))}`);
    const item = items.find((x) => x.label === c.expected);
    assert.ok(item.documentation?.value?.length > 0, 'documented');
    if (c.decoy) assert.ok(!labels.includes(c.decoy), `an object of another kind (${c.decoy}) is not offered`);
  });
});

/** Rows whose target must hold something more (a key, a Service port): completion there offers what the named target holds. */
function siblingCases(rel: Relation, n: number): Array<{ what: string; c: Case }> {
  if (rel.by !== 'name' || !('kind' in rel.target)) return [];
  const out: Array<{ what: string; c: Case }> = [];
  const ns = `relkey-${n}`;
  const target = rel.target;
  const make = (what: string, fill: (leafHolder: Obj) => void, targetExtra: Obj, expected: string) => {
    const { src, pattern } = sourceOf(rel, n, ns);
    const leafHolder = build(src, pattern, `target-${n}`);
    if (rel.when?.equals) leafHolder[rel.when.sibling] = rel.when.equals[0];
    fill(leafHolder);
    // A same-named object of another kind holds a decoy that must not be offered.
    const other: KindRef = target.kind === 'ConfigMap' ? { group: '', kind: 'Secret' } : { group: '', kind: 'ConfigMap' };
    out.push({ what, c: { docs: [src, object(target, `target-${n}`, ns, targetExtra), object(other, `target-${n}`, ns, { data: { [`decoy-${n}`]: 'x' } })], expected, decoy: `decoy-${n}` } });
  };
  if (rel.key) make(`${rel.key.sibling} of the named ${target.kind}`, (h) => (h[rel.key!.sibling] = CURSOR), { [rel.key.in[0]]: { [`key-${n}`]: 'x' } }, `key-${n}`);
  if (rel.itemKeys) make(`${rel.itemKeys.list}[].key of the named ${target.kind}`, (h) => (h[rel.itemKeys!.list] = [{ key: CURSOR, path: 'p' }]), { [rel.itemKeys.in[0]]: { [`key-${n}`]: 'x' } }, `key-${n}`);
  if (rel.servicePort) {
    make(`${rel.servicePort.sibling}.name of the named Service`, (h) => (h[rel.servicePort!.sibling] = { name: CURSOR }), { spec: { ports: [{ name: `port-${n}`, port: 8000 + n }] } }, `port-${n}`);
    make(`${rel.servicePort.sibling}.number of the named Service`, (h) => (h[rel.servicePort!.sibling] = { number: CURSOR }), { spec: { ports: [{ name: `port-${n}`, port: 8000 + n }] } }, String(8000 + n));
  }
  return out;
}

RELATIONS.forEach((rel, n) => {
  for (const { what, c } of siblingCases(rel, n)) {
    test(`relation ${rel.id}: completion of ${what}`, async () => {
      const dir = `file:///tmp/drydock-completion-relations/siblings-${n}-${what.replace(/\W+/g, '-')}`;
      const [source, ...targets] = c.docs;
      client.open(`${dir}/targets.yaml`, targets.map((d) => stringify(d)).join('---\n'));
      const { text, line, character } = cursorOf(stringify(source));
      client.open(`${dir}/source.yaml`, text);
      const res = await client.completion(`${dir}/source.yaml`, line, character);
      const labels: string[] = (Array.isArray(res) ? res : res.items).map((x: any) => x.label);
      assert.ok(labels.includes(c.expected), `expected "${c.expected}" in\n${text}\ngot ${JSON.stringify(labels.slice(0, 20))}`);
      assert.ok(!labels.includes(c.decoy!), 'nothing from an object of another kind');
    });
  }
});

/** Rows naming a kind beside the name (`choices`, or a `when` on the kind): before it is written, each allowed kind's object is offered. */
function kindlessCases(rel: Relation, n: number): Array<{ kind: KindRef; c: Case; writes: string }> {
  if (rel.by !== 'name') return [];
  const choices = 'kind' in rel.target ? (rel.when?.equals ? [{ ...rel.target, fromKinds: undefined }] : []) : (rel.target.choices ?? []);
  return choices.map((choice, i) => {
    const ns = `relkind-${n}-${i}`;
    const { src, pattern } = sourceOf(rel, n, ns);
    build(src, pattern, CURSOR);
    const decoy: KindRef = choice.kind === 'ConfigMap' ? { group: '', kind: 'Secret' } : { group: '', kind: 'ConfigMap' };
    const writes = 'kind' in rel.target ? rel.when!.sibling : rel.target.kindSibling;
    return { kind: choice, writes, c: { docs: [src, object(choice, `target-${n}-${i}`, ns), object(decoy, `decoy-${n}-${i}`, ns)], expected: `target-${n}-${i}`, decoy: `decoy-${n}-${i}` } };
  });
}

RELATIONS.forEach((rel, n) => {
  for (const { kind, c, writes } of kindlessCases(rel, n)) {
    test(`relation ${rel.id}: before a kind is written, offers a ${kind.kind} and writes \`${writes}\``, async () => {
      const dir = `file:///tmp/drydock-completion-relations/kindless-${n}-${kind.kind}`;
      const [source, ...targets] = c.docs;
      client.open(`${dir}/targets.yaml`, targets.map((d) => stringify(d)).join('---\n'));
      const { text, line, character } = cursorOf(stringify(source));
      client.open(`${dir}/source.yaml`, text);
      const res = await client.completion(`${dir}/source.yaml`, line, character);
      const items: any[] = Array.isArray(res) ? res : res.items;
      const item = items.find((x) => x.label === c.expected);
      assert.ok(item, `expected "${c.expected}" in\n${text}\ngot ${JSON.stringify(items.map((x) => x.label).slice(0, 20))}`);
      assert.ok(!items.some((x) => x.label === c.decoy), 'nothing of a kind the reference cannot name');
      const written = (item.additionalTextEdits ?? []).map((e: any) => e.newText).join('');
      assert.match(written, new RegExp(`${writes}: ${kind.kind}\\b`));
    });
  }
});
