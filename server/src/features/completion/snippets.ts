// Whole-resource snippets for the kinds people write most, offered at the top level
// of a document that has no kind yet. Bodies use LSP snippet syntax: `${1:name}`
// placeholders, the same number mirrors the same text (the name feeds the labels).

export interface ResourceSnippet {
  kind: string;
  apiVersion: string;
  /** Snippet body, starting with `apiVersion:` at column 0. */
  body: string;
}

const meta = (ns = true) => `metadata:\n  name: \${1:name}${ns ? '\n  namespace: ${2:default}' : ''}\n`;

const podTemplate = (indent: string) =>
  [
    'template:',
    '  metadata:',
    '    labels:',
    '      app: ${1:name}',
    '  spec:',
    '    containers:',
    '      - name: ${1:name}',
    '        image: ${3:nginx:1.27}',
    '        ports:',
    '          - containerPort: ${4:80}',
    '        resources:',
    '          requests:',
    '            cpu: ${5:100m}',
    '            memory: ${6:128Mi}',
    '          limits:',
    '            memory: ${6:128Mi}',
  ]
    .map((l) => indent + l)
    .join('\n');

export const RESOURCE_SNIPPETS: ResourceSnippet[] = [
  {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    body: `apiVersion: apps/v1\nkind: Deployment\n${meta()}spec:\n  replicas: \${7:2}\n  selector:\n    matchLabels:\n      app: \${1:name}\n${podTemplate('  ')}\n`,
  },
  {
    kind: 'StatefulSet',
    apiVersion: 'apps/v1',
    body:
      `apiVersion: apps/v1\nkind: StatefulSet\n${meta()}spec:\n  serviceName: \${1:name}\n  replicas: \${7:1}\n  selector:\n    matchLabels:\n      app: \${1:name}\n${podTemplate('  ')}\n` +
      '          volumeMounts:\n            - name: data\n              mountPath: ${8:/data}\n' +
      '  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: ["ReadWriteOnce"]\n        resources:\n          requests:\n            storage: ${9:1Gi}\n',
  },
  {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    body: `apiVersion: apps/v1\nkind: DaemonSet\n${meta()}spec:\n  selector:\n    matchLabels:\n      app: \${1:name}\n${podTemplate('  ')}\n`,
  },
  {
    kind: 'Service',
    apiVersion: 'v1',
    body:
      `apiVersion: v1\nkind: Service\n${meta()}spec:\n  type: \${3|ClusterIP,NodePort,LoadBalancer|}\n  selector:\n    app: \${1:name}\n` +
      '  ports:\n    - name: ${4:http}\n      port: ${5:80}\n      targetPort: ${6:80}\n      protocol: TCP\n',
  },
  {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    body:
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta()}spec:\n  ingressClassName: \${3:nginx}\n  rules:\n    - host: \${4:example.com}\n` +
      '      http:\n        paths:\n          - path: ${5:/}\n            pathType: ${6|Prefix,Exact,ImplementationSpecific|}\n' +
      '            backend:\n              service:\n                name: ${7:service}\n                port:\n                  number: ${8:80}\n',
  },
  {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    body: `apiVersion: v1\nkind: ConfigMap\n${meta()}data:\n  \${3:key}: \${4:value}\n`,
  },
  {
    kind: 'Secret',
    apiVersion: 'v1',
    body: `apiVersion: v1\nkind: Secret\n${meta()}type: \${3:Opaque}\nstringData:\n  \${4:key}: \${5:value}\n`,
  },
  {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    body:
      `apiVersion: v1\nkind: PersistentVolumeClaim\n${meta()}spec:\n  accessModes:\n    - \${3|ReadWriteOnce,ReadWriteMany,ReadOnlyMany,ReadWriteOncePod|}\n` +
      '  resources:\n    requests:\n      storage: ${4:1Gi}\n',
  },
  {
    kind: 'Job',
    apiVersion: 'batch/v1',
    body:
      `apiVersion: batch/v1\nkind: Job\n${meta()}spec:\n  backoffLimit: \${3:4}\n  template:\n    spec:\n      restartPolicy: \${4|Never,OnFailure|}\n` +
      '      containers:\n        - name: ${1:name}\n          image: ${5:busybox:1.36}\n          command: ["${6:sh}", "-c", "${7:echo hello}"]\n',
  },
  {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    body:
      `apiVersion: batch/v1\nkind: CronJob\n${meta()}spec:\n  schedule: "\${3:*/5 * * * *}"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n` +
      '          restartPolicy: ${4|OnFailure,Never|}\n          containers:\n            - name: ${1:name}\n              image: ${5:busybox:1.36}\n' +
      '              command: ["${6:sh}", "-c", "${7:date}"]\n',
  },
  {
    kind: 'NetworkPolicy',
    apiVersion: 'networking.k8s.io/v1',
    body:
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${meta()}spec:\n  podSelector:\n    matchLabels:\n      app: \${3:app}\n  policyTypes:\n    - Ingress\n` +
      '  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: ${4:client}\n      ports:\n        - protocol: TCP\n          port: ${5:80}\n',
  },
  {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    body:
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n${meta()}spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: \${3:name}\n` +
      '  minReplicas: ${4:1}\n  maxReplicas: ${5:5}\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: ${6:80}\n',
  },
  {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    body: `apiVersion: policy/v1\nkind: PodDisruptionBudget\n${meta()}spec:\n  minAvailable: \${3:1}\n  selector:\n    matchLabels:\n      app: \${4:app}\n`,
  },
  {
    kind: 'ServiceAccount',
    apiVersion: 'v1',
    body: `apiVersion: v1\nkind: ServiceAccount\n${meta()}`,
  },
  {
    kind: 'Role',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    body:
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n${meta()}rules:\n  - apiGroups: ["\${3}"]\n    resources: ["\${4:pods}"]\n` +
      '    verbs: ["${5:get}", "list", "watch"]\n',
  },
  {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    body:
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n${meta()}subjects:\n  - kind: ServiceAccount\n    name: \${3:name}\n    namespace: \${2:default}\n` +
      'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${4:role}\n',
  },
];

/** The snippet with placeholders replaced by their defaults (for previews and tests). */
export function expandSnippet(body: string): string {
  let out = body;
  for (let i = 0; i < 5; i++) {
    out = out
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, '')
      .replace(/\$\d+/g, '');
  }
  return out;
}
