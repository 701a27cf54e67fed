// Manifests shared by the simulation-diagnostics tests: three Nodes, one of them
// tainted (and the only one with the label a Deployment selects), and workloads
// that stay Pending because of the taint or a label no node carries.

export const NODES = `apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels:
    hardware: gpu
spec:
  taints:
  - key: dedicated
    value: gpu
    effect: NoSchedule
---
apiVersion: v1
kind: Node
metadata:
  name: cpu-1
  labels:
    hardware: cpu
---
apiVersion: v1
kind: Node
metadata:
  name: cpu-2
  labels:
    hardware: cpu
`;

/** Needs gpu-1 (nodeSelector) but does not tolerate its taint: every replica stays Pending. */
export const TRAINER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: trainer
spec:
  replicas: 2
  selector:
    matchLabels: {app: trainer}
  template:
    metadata:
      labels: {app: trainer}
    spec:
      nodeSelector:
        hardware: gpu
      containers:
      - name: train
        image: trainer:1.0
        resources:
          requests: {cpu: 100m}
`;

/** Selects a label no node carries. */
export const INDEXER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: indexer
spec:
  replicas: 3
  selector:
    matchLabels: {app: indexer}
  template:
    metadata:
      labels: {app: indexer}
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: index
        image: indexer:1.0
`;

/** Schedules anywhere: never a warning. */
export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
