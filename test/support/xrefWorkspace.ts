// A small multi-file, multi-namespace workspace exercising every relation of
// server/src/model/relations.ts, plus helpers shared by the xref LSP tests.

import type { Location, Position, TextEdit } from 'vscode-languageserver-types';
import { positionOf } from './lsp';

export const ROOT = 'file:///tmp/drydock-xref';

export const FILES: Record<string, string> = {
  'app/deploy.yaml': `apiVersion: apps/v1
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
        app: web
        tier: frontend
    spec:
      serviceAccountName: web-sa
      priorityClassName: high-prio
      imagePullSecrets:
        - name: regcred
      nodeSelector:
        disk: ssd
      tolerations:
        - key: dedicated
          operator: Equal
          value: web
          effect: NoSchedule
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels:
                  role: cache
              topologyKey: kubernetes.io/hostname
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: zone
                    operator: In
                    values: [z1]
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              tier: frontend
      containers:
        - name: web
          image: nginx
          ports:
            - name: http-port
              containerPort: 8080
          env:
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: web-config
                  key: mode
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: web-secret
                  key: password
          envFrom:
            - configMapRef:
                name: web-env
            - secretRef:
                name: web-env-secret
      volumes:
        - name: files
          configMap:
            name: web-files
        - name: tls
          secret:
            secretName: web-tls
        - name: proj
          projected:
            sources:
              - configMap:
                  name: web-proj
              - secret:
                  name: web-proj-secret
        - name: data
          persistentVolumeClaim:
            claimName: web-data
`,
  'app/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  mode: fast
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-env, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-files, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-proj, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
  namespace: shop
stringData:
  password: hunter2
---
apiVersion: v1
kind: Secret
metadata: {name: web-env-secret, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: web-tls, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: web-proj-secret, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: regcred, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web-sa, namespace: shop}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: web-data, namespace: shop}
spec:
  storageClassName: fast-disk
  volumeName: pv-one
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`,
  'cluster/cluster.yaml': `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high-prio}
value: 1000
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast-disk}
provisioner: example.com/disk
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-one}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data}
---
apiVersion: v1
kind: Node
metadata:
  name: node-a
  labels: {disk: ssd, zone: z1}
spec:
  taints:
    - {key: dedicated, value: web, effect: NoSchedule}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx-class}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: shopping}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
`,
  'app/net.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels: {monitored: "yes"}
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http-port
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web-ing, namespace: shop}
spec:
  ingressClassName: nginx-class
  tls:
    - hosts: [shop.example.com]
      secretName: web-tls
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: {name: http}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web-hpa, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-front, namespace: shop}
spec:
  podSelector:
    matchLabels: {role: cache}
  ingress:
    - from:
        - podSelector:
            matchLabels: {tier: frontend}
          namespaceSelector:
            matchLabels: {team: shopping}
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: shop}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web-pdb, namespace: shop}
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
---
apiVersion: v1
kind: Endpoints
metadata: {name: web, namespace: shop}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: shop}
spec:
  serviceName: web
  selector:
    matchLabels: {role: cache}
  template:
    metadata:
      labels: {role: cache}
    spec:
      containers: [{name: c, image: redis}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web-mon, namespace: monitoring}
spec:
  namespaceSelector: {matchNames: [shop]}
  selector:
    matchLabels: {monitored: "yes"}
  endpoints: [{port: http}]
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: cache-mon, namespace: shop}
spec:
  selector:
    matchLabels: {role: cache}
  podMetricsEndpoints: [{port: metrics}]
`,
  'rbac/rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-binding, namespace: default}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
  - {kind: ServiceAccount, name: web-sa, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: read-all}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
subjects:
  - {kind: ServiceAccount, name: web-sa, namespace: shop}
`,
  'batch/cron.yaml': `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: web}
        spec:
          restartPolicy: OnFailure
          serviceAccountName: web-sa
          containers: [{name: job, image: busybox}]
`,
};

export const uriOf = (rel: string) => `${ROOT}/${rel}`;

/** Position of `needle` (+ delta) in a workspace file. */
export function at(rel: string, needle: string, delta = 1, occurrence = 0): { uri: string; position: Position } {
  return { uri: uriOf(rel), position: positionOf(FILES[rel], needle, delta, occurrence) };
}

export function contains(loc: Location, uri: string, p: Position): boolean {
  if (loc.uri !== uri) return false;
  const { start, end } = loc.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

function offsetOf(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}
