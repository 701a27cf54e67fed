// Hover explanations through the real protocol: placement of replicas (from the
// simulation), rollout pod counts, QoS class, qualifying nodes, Service ports
// and nodePorts, and the `drydock/status` request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';

/**
 * Hover markdown at the first occurrence of `needle` (+ delta) in `text`. The
 * simulation runs in a worker and hovers never wait for it: while it runs they
 * say so (or show the previous result as "Updating…"), so hover again until the
 * current result is there.
 */
async function hoverText(client: InProcessClient, uri: string, text: string, needle: string, delta = 0, occurrence = 0): Promise<string> {
  const p = positionOf(text, needle, delta, occurrence);
  for (let attempt = 0; ; attempt++) {
    const h = await client.hover(uri, p.line, p.character);
    const md = h ? String(h.contents.value) : '';
    if (!/Simulation running — hover again|Updating… these facts/.test(md) || attempt >= 200) return md;
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Default cluster (no Nodes): node-1..3, 4 CPUs each. Three `big` pods fill
// three nodes' CPU; the fourth cannot fit anywhere.
const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 4
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers:
      - name: main
        image: nginx:1.25
        resources:
          requests: {cpu: "3", memory: 1Gi}
          limits: {cpu: "3", memory: 1Gi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 10
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - name: http
          containerPort: 8080
        resources:
          requests: {cpu: 100m}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: small
spec:
  replicas: 1
  strategy:
    rollingUpdate:
      maxUnavailable: 0
  selector:
    matchLabels: {app: small}
  template:
    metadata:
      labels: {app: small}
    spec:
      containers:
      - name: c
        image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: zonal
spec:
  nodeSelector:
    topology.kubernetes.io/zone: zone-b
  containers:
  - name: c
    image: busybox:1.36
    resources: {}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
    nodePort: 30080
---
apiVersion: v1
kind: Service
metadata:
  name: other
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - name: alt
    port: 81
    targetPort: 8080
    nodePort: 30080
  - name: bad
    port: 82
    nodePort: 40000
---
apiVersion: v1
kind: Service
metadata:
  name: internal
spec:
  selector: {app: nobody}
  ports:
  - port: 9090
    nodePort: 31000
`;

// Workspace Nodes: a tainted SSD node, an HDD node, a plain SSD node.
const CLUSTER = `apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels: {disktype: ssd}
spec:
  taints:
  - key: dedicated
    value: gpu
    effect: NoSchedule
---
apiVersion: v1
kind: Node
metadata:
  name: plain-1
  labels: {disktype: hdd}
---
apiVersion: v1
kind: Node
metadata:
  name: plain-2
  labels: {disktype: ssd}
`;

const WORK = `apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  nodeSelector:
    disktype: ssd
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: c
    image: busybox:1.36
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: picky
spec:
  replicas: 2
  selector:
    matchLabels: {app: picky}
  template:
    metadata:
      labels: {app: picky}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: disktype
                operator: In
                values: [nvme]
      containers:
      - name: c
        image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: picky
spec:
  selector: {app: picky}
  ports:
  - port: 80
    targetPort: 8080
`;

describe('hover explanations, default cluster', () => {
  let client: InProcessClient;
  const uri = 'file:///explain/app.yaml';
  before(async () => {
    client = new InProcessClient();
    await client.initialize();
    client.open(uri, APP);
    await client.waitForDiagnostics(uri);
  });
  after(async () => {
    await client.shutdown();
  });

  test('replicas: nodes the pods land on and the Pending pod with the scheduler message', async () => {
    const md = await hoverText(client, uri, APP, 'replicas: 4', 2);
    assert.match(md, /Simulated placement\*\* of Deployment big: 4 pods, 3 scheduled, \*\*1 Pending\*\*/);
    for (const n of ['node-1', 'node-2', 'node-3']) assert.ok(md.includes('`' + n + '` ×1'), md);
    assert.match(md, /0\/3 nodes are available: 3 Insufficient cpu\./);
  });

  test('replicas: all scheduled when they fit', async () => {
    const md = await hoverText(client, uri, APP, 'replicas: 10', 2);
    assert.match(md, /Deployment web: 10 pods, 10 scheduled, \*\*0 Pending\*\*/);
    assert.doesNotMatch(md, /kube-scheduler/);
  });

  test('maxSurge / maxUnavailable: pod counts for the replica count', async () => {
    const md = await hoverText(client, uri, APP, 'maxSurge: 25%', 2);
    assert.match(md, /at most \*\*13\*\* pods during the rollout, at least \*\*8\*\* available/);
    assert.match(md, /maxSurge `25%` → \*\*3\*\* \(25% of 10, rounded up\)/);
    assert.match(md, /maxUnavailable `25%` → \*\*2\*\* \(25% of 10, rounded down\)/);
    // 1 replica: the default 25% surge rounds up to 1; maxUnavailable 0 keeps the pod available.
    const small = await hoverText(client, uri, APP, 'maxUnavailable: 0', 2);
    assert.match(small, /at most \*\*2\*\* pods during the rollout, at least \*\*1\*\* available/);
    assert.match(small, /maxSurge `25%` \(default\) → \*\*1\*\*/);
  });

  test('resources: QoS class and why', async () => {
    const guaranteed = await hoverText(client, uri, APP, 'resources:', 2, 0);
    assert.match(guaranteed, /QoS class: Guaranteed\*\* — its container has cpu and memory limits equal to its requests/);
    assert.match(guaranteed, /reserves cpu 3 CPUs, memory 1Gi/);
    const burstable = await hoverText(client, uri, APP, 'resources:', 2, 1);
    assert.match(burstable, /QoS class: Burstable\*\* — container `nginx` has no cpu or memory limit/);
    const bestEffort = await hoverText(client, uri, APP, 'resources: {}', 2);
    assert.match(bestEffort, /QoS class: BestEffort\*\* — no container sets a cpu or memory request or limit/);
  });

  test('nodeSelector on the default cluster: which of node-1..3 qualify', async () => {
    const md = await hoverText(client, uri, APP, 'zone: zone-b', 2);
    assert.match(md, /\*\*Nodes\*\*: 1 of 3 qualify[^:]*: `node-2`\./);
    assert.match(md, /`node-1`: `topology.kubernetes.io\/zone` is `zone-a`, not `zone-b`/);
    assert.match(md, /default cluster of 3 nodes/);
  });

  test('Service targetPort: resolved container port and simulated endpoints', async () => {
    const md = await hoverText(client, uri, APP, 'targetPort: http', 2);
    assert.match(md, /port 80 → container port named `http`/);
    assert.match(md, /Deployment web, container `nginx`: `http` = 8080/);
    assert.match(md, /\*\*Endpoints\*\* \(simulated\): 10 addresses, 10 ready: `web-[a-z0-9-]+` 10\.[0-9.]+:8080/);
    const none = await hoverText(client, uri, APP, 'port: 9090', 2);
    assert.match(none, /targetPort defaults to port/);
    assert.match(none, /selector `app=nobody` matches no pods/);
  });

  test('nodePort: range and conflicts with other Services', async () => {
    const first = await hoverText(client, uri, APP, 'nodePort: 30080', 2, 0);
    assert.match(first, /nodePort 30080\*\*: within the valid range 30000-32767/);
    assert.match(first, /\*\*Conflict\*\*: nodePort 30080 is also used by Service other port `alt`/);
    const second = await hoverText(client, uri, APP, 'nodePort: 30080', 2, 1);
    assert.match(second, /also used by Service web port `http`/);
    const out = await hoverText(client, uri, APP, 'nodePort: 40000', 2);
    assert.match(out, /nodePort 40000\*\* is outside the valid range 30000-32767/);
    const clusterIp = await hoverText(client, uri, APP, 'nodePort: 31000', 2);
    assert.match(clusterIp, /type is `ClusterIP`: a nodePort is only allowed with `NodePort` or `LoadBalancer`/);
    assert.match(clusterIp, /No other Service in the workspace uses this nodePort/);
  });

  test('drydock/status counts resources, pending pods and files, and follows edits', async () => {
    const s = await client.request('drydock/status', {});
    assert.deepEqual(s, { resources: 7, pending: 1, files: 1 });
    // Scaling `big` to 5 leaves two pods Pending.
    const edited = APP.replace('replicas: 4', 'replicas: 5');
    client.change(uri, edited);
    await client.waitForDiagnostics(uri);
    const after = await client.request('drydock/status', {});
    assert.deepEqual(after, { resources: 7, pending: 2, files: 1 });
    const md = await hoverText(client, uri, edited, 'replicas: 5', 2);
    assert.match(md, /5 pods, 3 scheduled, \*\*2 Pending\*\*/);
    client.change(uri, APP);
    await client.waitForDiagnostics(uri);
  });

  test('rollingUpdate under a Recreate strategy is explained, not computed', async () => {
    const recreateUri = 'file:///explain/recreate.yaml';
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: r\nspec:\n  replicas: 4\n  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n';
    client.open(recreateUri, text);
    await client.waitForDiagnostics(recreateUri);
    const md = await hoverText(client, recreateUri, text, 'maxSurge', 2);
    assert.match(md, /strategy type is `Recreate`/);
    assert.doesNotMatch(md, /at most \*\*/);
  });
});

describe('hover explanations, workspace Nodes', () => {
  let client: InProcessClient;
  const nodesUri = 'file:///explain/nodes.yaml';
  const uri = 'file:///explain/work.yaml';
  before(async () => {
    client = new InProcessClient();
    await client.initialize();
    client.open(nodesUri, CLUSTER);
    client.open(uri, WORK);
    await client.waitForDiagnostics(uri);
  });
  after(async () => {
    await client.shutdown();
  });

  test('nodeSelector + toleration: qualifying nodes and why the others are ruled out', async () => {
    const md = await hoverText(client, uri, WORK, 'disktype: ssd', 2);
    assert.match(md, /\*\*Nodes\*\*: 2 of 3 qualify[^:]*: `gpu-1`, `plain-2`\./);
    assert.match(md, /`plain-1`: `disktype` is `hdd`, not `ssd`/);
    assert.doesNotMatch(md, /default cluster/);
  });

  test('a toleration: the taints it matches', async () => {
    const md = await hoverText(client, uri, WORK, 'key: dedicated', 2);
    assert.match(md, /This toleration matches `gpu-1` `dedicated=gpu:NoSchedule`\./);
  });

  test('node affinity: no node qualifies, with the reasons', async () => {
    const md = await hoverText(client, uri, WORK, 'operator: In', 2);
    assert.match(md, /none of the 3 nodes qualify/);
    assert.match(md, /`plain-2`: node affinity: label `disktype` is `ssd`, not in \[nvme\]/);
    assert.match(md, /`gpu-1`: node affinity: .*; untolerated taint `dedicated=gpu:NoSchedule`/);
  });

  test('replicas of an unschedulable Deployment: Pending with the scheduler message', async () => {
    const md = await hoverText(client, uri, WORK, 'replicas: 2', 2);
    assert.match(md, /2 pods, 0 scheduled, \*\*2 Pending\*\*/);
    assert.match(md, /2 pods: 0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 node\(s\) didn't match Pod's node affinity\/selector\./);
    const s = await client.request('drydock/status', {});
    assert.deepEqual(s, { resources: 6, pending: 2, files: 2 });
  });

  test('Service endpoints: none, because the selected pods are Pending', async () => {
    const md = await hoverText(client, uri, WORK, 'targetPort: 8080', 2);
    assert.match(md, /No selected container declares port 8080/);
    assert.match(md, /\*\*Endpoints\*\* \(simulated\): none — 2 selected pods are Pending\./);
  });

  test('malformed documents get a clear message, never an error', async () => {
    const badUri = 'file:///explain/bad.yaml';
    const bad = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: [1, 2\n  strategy:\n    rollingUpdate:\n      maxSurge: lots\n';
    client.open(badUri, bad);
    await client.waitForDiagnostics(badUri);
    const md = await hoverText(client, badUri, bad, 'maxSurge', 2);
    assert.doesNotMatch(md, /at most \*\*/);
    assert.match(md, /\*\*Rollout\*\*: (maxSurge `lots` must be a whole number or a percentage|`spec.replicas` is not a whole number)/);
    // Hovering elsewhere in the broken document answers normally (or with nothing), never with an error.
    const p = positionOf(bad, 'replicas', 2);
    await client.hover(badUri, p.line, p.character);
  });
});
