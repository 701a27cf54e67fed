// Generates realistic, deterministic Kubernetes workspaces for benchmarks and
// stress tests: "apps" of ten resources each (ConfigMap, Secret, PVC,
// ServiceAccount, Deployment, Service, Ingress, HPA, PDB, NetworkPolicy) that
// reference each other by name, label selector, named port and scale target,
// plus a few references across apps and a few deliberately broken ones, so
// every analysis layer has real work to do.
//
// Usage:
//   node scripts/gen-workspace.mjs <dir> [--apps 1000]          one file per app
//   node scripts/gen-workspace.mjs <file.yaml> --single-file [--apps 100]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const RESOURCES_PER_APP = 10;
const NAMESPACES = 20;

/** A small seeded PRNG (mulberry32) so every run generates the same bytes. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 4) => String(n).padStart(w, '0');
const TIERS = ['frontend', 'backend', 'worker', 'api', 'cache'];
const IMAGES = ['nginx:1.27', 'registry.example.com/shop/api:2.4.1', 'redis:7.2', 'python:3.12-slim', 'ghcr.io/acme/worker:1.9.0'];

/** The ten documents of app `i`, as YAML strings. */
export function appDocuments(i, apps) {
  const rnd = prng(i + 1);
  const name = `app-${pad(i)}`;
  const ns = `team-${pad(i % NAMESPACES, 2)}`;
  const tier = TIERS[i % TIERS.length];
  const image = IMAGES[i % IMAGES.length];
  const replicas = 1 + Math.floor(rnd() * 5);
  const port = 8000 + (i % 100);
  // A neighbour in the same namespace whose ConfigMap this app also reads.
  const neighbour = `app-${pad((i + NAMESPACES) % apps)}`;
  // Every 97th app references a Secret nobody defines (a realistic mistake).
  const secretRef = i % 97 === 13 ? `${name}-credentials-missing` : `${name}-credentials`;
  const labels = `app.kubernetes.io/name: ${name}\n      app.kubernetes.io/part-of: shop\n      tier: ${tier}`;
  const cpu = `${100 + Math.floor(rnd() * 400)}m`;
  const mem = `${128 * (1 + Math.floor(rnd() * 4))}Mi`;
  const docs = [
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "checkout,search"
  config.yaml: |
    server:
      port: ${port}
`,
    `apiVersion: v1
kind: Secret
metadata:
  name: ${name}-credentials
  namespace: ${ns}
type: Opaque
stringData:
  username: ${name}
  password: not-a-real-password-${pad(i)}
`,
    `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-data
  namespace: ${ns}
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: ${1 + (i % 20)}Gi
`,
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    ${labels.replace(/\n {6}/g, '\n    ')}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
      ${labels}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: main
          image: ${image}
          ports:
            - name: http
              containerPort: ${port}
          envFrom:
            - configMapRef:
                name: ${name}-config
          env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${secretRef}
                  key: password
            - name: NEIGHBOUR_LOG_LEVEL
              valueFrom:
                configMapKeyRef:
                  name: ${neighbour}-config
                  key: LOG_LEVEL
          resources:
            requests:
              cpu: ${cpu}
              memory: ${mem}
            limits:
              memory: ${mem}
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          volumeMounts:
            - name: data
              mountPath: /var/lib/${name}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: ${name}-data
`,
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: http
`,
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  rules:
    - host: ${name}.shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  name: http
`,
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: ${replicas}
  maxReplicas: ${replicas + 5}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 75
`,
    `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: frontend
      ports:
        - port: ${port}
`,
  ];
  // Ownership annotations as CI pipelines stamp them (12 lines per document).
  const annotations = `  annotations:
    shop.example.com/owner: team-${pad(i % NAMESPACES, 2)}@example.com
    shop.example.com/tier: ${tier}
    shop.example.com/runbook: https://runbooks.example.com/${name}
    shop.example.com/on-call: "#team-${pad(i % NAMESPACES, 2)}-oncall"
    shop.example.com/cost-center: "cc-${pad(i % 37, 3)}"
    shop.example.com/data-classification: internal
    shop.example.com/revision: "${1 + Math.floor(rnd() * 500)}"
    shop.example.com/source: git@example.com:shop/${name}.git
    shop.example.com/build: "2024.${1 + (i % 12)}.${i % 28}"
    shop.example.com/review-by: "2025-0${1 + (i % 9)}-15"
    shop.example.com/description: ${tier} component ${name} of the shop
`;
  return docs.map((d) => d.replace(`  namespace: ${ns}\n`, `  namespace: ${ns}\n${annotations}`));
}

/** Writes `apps` files (10 resources each) under `dir/<namespace>/app-NNNN.yaml`; returns the file paths. */
export function generateWorkspace(dir, { apps = 1000 } = {}) {
  const files = [];
  for (let i = 0; i < apps; i++) {
    const sub = join(dir, `team-${pad(i % NAMESPACES, 2)}`);
    mkdirSync(sub, { recursive: true });
    const path = join(sub, `app-${pad(i)}.yaml`);
    writeFileSync(path, appDocuments(i, apps).join('---\n'));
    files.push(path);
  }
  return files;
}

/** One file holding `apps * 10` documents (100 apps = 1,000 documents, ~32k lines). */
export function generateSingleFile(path, { apps = 100 } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const docs = [];
  for (let i = 0; i < apps; i++) docs.push(...appDocuments(i, apps));
  const text = docs.join('---\n');
  writeFileSync(path, text);
  return { path, documents: docs.length, lines: text.split('\n').length - 1 };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith('--'));
  const appsArg = args.indexOf('--apps');
  const apps = appsArg >= 0 ? Number(args[appsArg + 1]) : undefined;
  if (!target || (apps !== undefined && !(apps > 0))) {
    process.stderr.write('usage: node scripts/gen-workspace.mjs <dir|file.yaml> [--apps N] [--single-file]\n');
    process.exit(2);
  }
  if (args.includes('--single-file')) {
    const r = generateSingleFile(target, { apps: apps ?? 100 });
    process.stdout.write(`${r.path}: ${r.documents} documents, ${r.lines} lines\n`);
  } else {
    const files = generateWorkspace(target, { apps: apps ?? 1000 });
    process.stdout.write(`${target}: ${files.length} files, ${files.length * RESOURCES_PER_APP} resources\n`);
  }
}
