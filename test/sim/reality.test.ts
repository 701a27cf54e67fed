// "What really runs" (issue 12, item 4): selectorless Services take the
// workspace's Endpoints/EndpointSlices, bare pods keep running, what-ifs change
// nothing but what they name, and node affinity's matchFields follow
// component-helpers' nodeaffinity (one place, every caller agrees).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/model/workspace';
import { defaultScheduler } from '../../server/src/sim/defaultScheduler';
import { simulate } from '../../server/src/sim/engine';
import { applyWhatIf } from '../../server/src/sim/whatif';
import { buildResult } from '../../server/src/sim/report';
import { DEFAULT_CLUSTER } from '../../server/src/sim/cluster';
import { listObjects, type SimState } from '../../server/src/sim/state';
import { nodeMatchesPod } from '../../server/src/sim/nodematch';
import { nodeVerdicts } from '../../server/src/features/explain/nodes';

const opts = { cluster: DEFAULT_CLUSTER, scheduler: defaultScheduler };

function workspace(text: string): Workspace {
  const ws = new Workspace();
  ws.set('file:///tmp/drydock-reality/app.yaml', text);
  return ws;
}

const report = (s: SimState) => buildResult(s, (src) => ({ file: src.uri, line: src.line + 1 }));

test('a Service without a selector takes its endpoints from the workspace Endpoints', () => {
  const sim = simulate(
    workspace(`apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{name: pg, port: 5432, targetPort: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
- addresses: [{ip: 10.0.0.5}, {ip: 10.0.0.6}]
  notReadyAddresses: [{ip: 10.0.0.7}]
  ports: [{name: pg, port: 5432}]
`),
    opts,
  );
  const svc = report(sim.run.state).services.find((s) => s.name === 'db')!;
  assert.deepEqual(
    svc.endpoints.map((e) => [e.ip, e.port, e.ready]),
    [
      ['10.0.0.5', 5432, true],
      ['10.0.0.6', 5432, true],
      ['10.0.0.7', 5432, false],
    ],
  );
});

test('a Service without a selector takes its endpoints from the workspace EndpointSlices', () => {
  const sim = simulate(
    workspace(`apiVersion: v1
kind: Service
metadata: {name: api, namespace: default}
spec:
  ports: [{port: 443, targetPort: 8443}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: api-1
  labels: {kubernetes.io/service-name: api}
addressType: IPv4
ports: [{port: 8443, protocol: TCP}]
endpoints:
- addresses: [192.168.1.10]
  conditions: {ready: true}
- addresses: [192.168.1.11]
  conditions: {ready: false}
`),
    opts,
  );
  const res = report(sim.run.state);
  assert.deepEqual(res.rejected, []);
  const svc = res.services.find((s) => s.name === 'api')!;
  assert.deepEqual(
    svc.endpoints.map((e) => [e.ip, e.port, e.ready]),
    [
      ['192.168.1.10', 8443, true],
      ['192.168.1.11', 8443, false],
    ],
  );
});

test('a bare Pod with restartPolicy Never or OnFailure keeps running; only Job pods complete', () => {
  const pod = (name: string, policy: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: ${policy}
  containers: [{name: c, image: busybox}]
`;
  const sim = simulate(
    workspace(`${pod('once', 'Never')}---\n${pod('retry', 'OnFailure')}---
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`),
    opts,
  );
  const pods = report(sim.run.state).pods;
  assert.equal(pods.find((p) => p.name === 'once')!.phase, 'Running');
  assert.equal(pods.find((p) => p.name === 'retry')!.phase, 'Running');
  const jobPods = pods.filter((p) => p.owner?.kind === 'Job');
  assert.equal(jobPods.length, 1);
  assert.equal(jobPods[0].phase, 'Succeeded');
});

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: stuck}
spec:
  schedule: "*/10 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
            resources: {requests: {cpu: "64"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;

test('a what-if changes only what it names: a cordon leaves the CronJob, its Jobs and the clock alone', () => {
  const sim = simulate(workspace(CRONJOB), opts);
  const jobs = (s: SimState) => listObjects(s, 'Job').map((j) => j.metadata.name);
  const before = jobs(sim.run.state);
  // nightly ran once; stuck's Jobs never finish (no node fits), so it started its maximum of 3.
  assert.equal(before.length, 4);
  for (const op of [
    { op: 'cordon' as const, node: 'node-3' },
    { op: 'drain' as const, node: 'node-3' },
    { op: 'scale' as const, kind: 'Deployment', name: 'web', replicas: 3 },
  ]) {
    const r = applyWhatIf(sim.run.state, op, opts);
    assert.equal(r.error, undefined);
    assert.deepEqual(jobs(r.state), before, `${op.op}: the CronJob's Jobs are unchanged`);
    assert.equal(r.state.clock, sim.run.state.clock, `${op.op}: simulated time did not move`);
    assert.deepEqual(report(r.state).cronJobs, report(sim.run.state).cronJobs);
  }
  // Two what-ifs in a row are as stable as one.
  const twice = applyWhatIf(applyWhatIf(sim.run.state, { op: 'cordon', node: 'node-2' }, opts).state, { op: 'uncordon', node: 'node-2' }, opts);
  assert.deepEqual(jobs(twice.state), before);
});

const NODES = ['a', 'b', 'c']
  .map(
    (n) => `apiVersion: v1
kind: Node
metadata: {name: ${n}, labels: {kubernetes.io/hostname: ${n}}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
`,
  )
  .join('---\n');

const pinned = (name: string, values: string[]) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: c, image: nginx}]
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields: [{key: metadata.name, operator: In, values: [${values.join(', ')}]}]
`;

test('matchFields metadata.name In [a] schedules on a; one term per node name gives a or b', () => {
  const alternatives = `apiVersion: v1
kind: Pod
metadata: {name: either}
spec:
  containers: [{name: c, image: nginx}]
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields: [{key: metadata.name, operator: In, values: [a]}]
        - matchFields: [{key: metadata.name, operator: In, values: [b]}]
`;
  const sim = simulate(workspace(`${NODES}---\n${pinned('only-a', ['a'])}---\n${alternatives}`), opts);
  const pods = report(sim.run.state).pods;
  assert.equal(pods.find((p) => p.name === 'only-a')!.node, 'a');
  assert.ok(['a', 'b'].includes(pods.find((p) => p.name === 'either')!.node!));
});

test('matchFields metadata.name In [a, b]: the scheduler, the DaemonSet check and the explanation agree (upstream: the term matches no node)', () => {
  // component-helpers nodeaffinity: a field requirement with In/NotIn needs exactly one
  // value, else the term is invalid and matches nothing (the API server's validation
  // rejects such a pod: "must be only one value when `operator` is 'In' or 'NotIn' for
  // node field selector"). Before this change explain and the DaemonSet controller
  // said node a qualifies while the scheduler left the pod Pending.
  const sim = simulate(workspace(`${NODES}---\n${pinned('two', ['a', 'b'])}`), opts);
  // The API server (the shared validation core) refuses the pod with upstream's message.
  const rejected = report(sim.run.state).rejected.find((r) => r.name === 'two');
  assert.ok(rejected, 'the pod is rejected');
  assert.match(rejected.message, /must be only one value when `operator` is 'In' or 'NotIn' for node field selector/);
  assert.equal(listObjects(sim.run.state, 'Pod').find((p) => p.metadata.name === 'two'), undefined);
  // Had it been created (e.g. by an older API server), every matcher would agree that no node qualifies.
  const podSpec = {
    containers: [{ name: 'c', image: 'nginx' }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } },
  } as Parameters<typeof nodeMatchesPod>[0];
  const nodes = listObjects(sim.run.state, 'Node');
  const controllerSays = nodes.filter((n) => nodeMatchesPod(podSpec, n)).map((n) => n.metadata.name);
  const verdicts = nodeVerdicts(podSpec, nodes);
  const explainSays = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.node.metadata.name);
  assert.deepEqual(controllerSays, []);
  assert.deepEqual(explainSays, []);
  assert.match(verdicts[0].reasons.join('\n'), /exactly one value/);
});
