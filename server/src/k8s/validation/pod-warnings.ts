// API warnings for pods and pod templates (what kubectl prints as `Warning: ...`
// on create). Upstream: pkg/api/pod/warnings.go (warningsForPodSpecAndMeta) and
// pkg/api/node/util.go (deprecated node labels, GetWarningsForNodeSelectorTerm).
// Messages carry their field path as a prefix, exactly as upstream formats them.

import { FieldPath, type ApiWarning } from './field';
import { quantityOf, quantityText } from './resources';
import { asList, isNum, isObj, isStr, type Json } from './types';

export const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const DEPRECATED_ANNOTATIONS: Record<string, string> = {
  'scheduler.alpha.kubernetes.io/critical-pod': 'non-functional in v1.16+; use the "priorityClassName" field instead',
  'security.alpha.kubernetes.io/sysctls': 'non-functional in v1.11+; use the "sysctls" field instead',
  'security.alpha.kubernetes.io/unsafe-sysctls': 'non-functional in v1.11+; use the "sysctls" field instead',
};

const DEPRECATED_VOLUMES: [string, string][] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const NULL_SELECTOR = 'a null labelSelector results in matching no pod';

function warn(out: ApiWarning[], path: FieldPath, message: string): void {
  out.push({ path: path.steps(), message: `${path.toString()}: ${message}` });
}

const isFractional = (v: unknown): boolean => {
  const q = quantityOf(v);
  return q !== undefined && Math.round(q * 1000) % 1000 !== 0;
};

function nodeSelectorTermWarnings(out: ApiWarning[], term: unknown, path: FieldPath): void {
  if (!isObj(term)) return;
  asList(term.matchExpressions).forEach((e, i) => {
    if (!isObj(e) || !isStr(e.key)) return;
    const msg = DEPRECATED_NODE_LABELS[e.key];
    if (msg) warn(out, path.child('matchExpressions').index(i).child('key'), `${e.key} is ${msg}`);
  });
}

/** Go's `%+v` of a core.ContainerPort. */
function portStruct(p: Json): string {
  return `{Name:${p.name ?? ''} HostPort:${p.hostPort ?? 0} ContainerPort:${p.containerPort ?? 0} Protocol:${p.protocol ?? ''} HostIP:${p.hostIP ?? ''}}`;
}

/** Containers in VisitContainersWithPath order: init, regular, ephemeral. */
function visitContainers(spec: Json, specPath: FieldPath, fn: (c: Json, p: FieldPath) => void): void {
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    asList(spec[key]).forEach((c, i) => {
      if (isObj(c)) fn(c, specPath.child(key).index(i));
    });
  }
}

/**
 * warningsForPodSpecAndMeta. `base` is the pod template's path
 * (`spec.template`) or the root for a Pod.
 */
export function podWarnings(metaIn: unknown, specIn: unknown, base: FieldPath): ApiWarning[] {
  const out: ApiWarning[] = [];
  const meta: Json = isObj(metaIn) ? metaIn : {};
  const spec: Json = isObj(specIn) ? specIn : {};
  const annotations: Json = isObj(meta.annotations) ? meta.annotations : {};
  const specPath = base.child('spec');
  const annPath = base.child('metadata', 'annotations');

  if (isObj(spec.nodeSelector)) {
    for (const k of Object.keys(spec.nodeSelector)) if (DEPRECATED_NODE_LABELS[k]) warn(out, specPath.child('nodeSelector').key(k), DEPRECATED_NODE_LABELS[k]);
  }
  const affinity = isObj(spec.affinity) ? spec.affinity : {};
  if (isObj(affinity.nodeAffinity)) {
    const na = affinity.nodeAffinity;
    const naPath = specPath.child('affinity', 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req)) {
      const termsPath = naPath.child('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      asList(req.nodeSelectorTerms).forEach((t, i) => nodeSelectorTermWarnings(out, t, termsPath.index(i)));
    }
    asList(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (isObj(t)) nodeSelectorTermWarnings(out, t.preference, naPath.child('preferredDuringSchedulingIgnoredDuringExecution').index(i).child('preference'));
    });
  }
  asList(spec.topologySpreadConstraints).forEach((t, i) => {
    if (!isObj(t)) return;
    const p = specPath.child('topologySpreadConstraints').index(i);
    if (isStr(t.topologyKey) && DEPRECATED_NODE_LABELS[t.topologyKey]) warn(out, p.child('topologyKey'), `${t.topologyKey} is ${DEPRECATED_NODE_LABELS[t.topologyKey]}`);
    if (!isObj(t.labelSelector)) warn(out, p.child('labelSelector'), NULL_SELECTOR);
  });
  for (const [key, msg] of Object.entries(DEPRECATED_ANNOTATIONS)) if (key in annotations) warn(out, annPath.key(key), msg);

  asList(spec.volumes).forEach((v, i) => {
    if (!isObj(v)) return;
    for (const [key, msg] of DEPRECATED_VOLUMES) if (isObj(v[key])) warn(out, specPath.child('volumes').index(i).child(key === 'storageos' ? 'storageOS' : key), msg);
  });

  if (asList(spec.hostAliases).length > 1) {
    const seen = new Set<unknown>();
    asList(spec.hostAliases).forEach((a, i) => {
      const ip = isObj(a) ? (a.ip ?? '') : '';
      if (seen.has(ip)) warn(out, specPath.child('hostAliases').index(i).child('ip'), `duplicate ip ${JSON.stringify(ip)}`);
      else seen.add(ip);
    });
  }
  const pullSecrets = asList(spec.imagePullSecrets);
  if (pullSecrets.length > 1) {
    const seen = new Set<unknown>();
    pullSecrets.forEach((s, i) => {
      const name = isObj(s) ? (s.name ?? '') : '';
      if (seen.has(name)) warn(out, specPath.child('imagePullSecrets').index(i).child('name'), `duplicate name ${JSON.stringify(name)}`);
      else seen.add(name);
    });
  }
  pullSecrets.forEach((s, i) => {
    if (isObj(s) && (!isStr(s.name) || s.name === '')) warn(out, specPath.child('imagePullSecrets').index(i).child('name'), 'invalid empty name ""');
  });
  const overhead = isObj(spec.overhead) ? spec.overhead : {};
  for (const r of ['memory', 'ephemeral-storage']) {
    if (r in overhead && isFractional(overhead[r])) warn(out, specPath.child('overhead').key(r), `fractional byte value ${JSON.stringify(quantityText(overhead[r]))} is invalid, must be an integer`);
  }
  const podSC = isObj(spec.securityContext) ? spec.securityContext : {};
  if (!isObj(podSC.seccompProfile) && SECCOMP_POD_ANNOTATION in annotations) {
    warn(out, annPath.key(SECCOMP_POD_ANNOTATION), 'non-functional in v1.27+; use the "seccompProfile" field instead');
  }
  const isTemplate = base.steps().length > 0;
  visitContainers(spec, specPath, (c, p) => {
    const sc = isObj(c.securityContext) ? c.securityContext : {};
    const name = isStr(c.name) ? c.name : '';
    if (!isObj(sc.seccompProfile) && SECCOMP_CONTAINER_PREFIX + name in annotations) {
      warn(out, annPath.key(SECCOMP_CONTAINER_PREFIX + name), 'non-functional in v1.27+; use the "seccompProfile" field instead');
    }
    if (isTemplate && !isObj(podSC.appArmorProfile) && !isObj(sc.appArmorProfile) && APPARMOR_CONTAINER_PREFIX + name in annotations) {
      warn(out, annPath.key(APPARMOR_CONTAINER_PREFIX + name), 'deprecated since v1.30; use the "appArmorProfile" field instead');
    }
    const res = isObj(c.resources) ? c.resources : {};
    for (const r of ['memory', 'ephemeral-storage']) {
      for (const kind of ['limits', 'requests']) {
        const list = isObj(res[kind]) ? (res[kind] as Json) : {};
        if (r in list && isFractional(list[r])) warn(out, p.child('resources', kind).key(r), `fractional byte value ${JSON.stringify(quantityText(list[r]))} is invalid, must be an integer`);
      }
    }
    const env = asList(c.env);
    if (env.length > 1) {
      const seen = new Set<string>();
      env.forEach((e, i) => {
        if (!isObj(e) || !isStr(e.name)) return;
        if (!seen.has(e.name)) {
          seen.add(e.name);
          return;
        }
        const ref = `$(${e.name})`;
        const value = isStr(e.value) ? e.value : '';
        if (isObj(e.valueFrom) || value === ref || !value.includes(ref)) {
          warn(out, p.child('env').index(i), `hides previous definition of ${JSON.stringify(e.name)}, which may be dropped when using apply`);
        }
      });
    }
  });

  const allPorts = new Map<string, { path: FieldPath; port: Json }[]>();
  visitContainers(spec, specPath, (c, cp) => {
    asList(c.ports).forEach((port, i) => {
      if (!isObj(port)) return;
      const pp = cp.child('ports').index(i);
      const hostIP = isStr(port.hostIP) ? port.hostIP : '';
      const hostPort = isNum(port.hostPort) ? port.hostPort : 0;
      if (hostIP !== '' && hostPort === 0) warn(out, pp, `hostIP set without hostPort: ${portStruct(port)}`);
      const k = `${String(port.containerPort ?? 0)}/${String(port.protocol ?? '')}`;
      const others = allPorts.get(k) ?? [];
      for (const other of others) {
        const oIP = isStr(other.port.hostIP) ? other.port.hostIP : '';
        const oPort = isNum(other.port.hostPort) ? other.port.hostPort : 0;
        if (hostIP === oIP && hostPort === oPort) warn(out, pp, `duplicate port definition with ${other.path.toString()}`);
        else if (hostPort === 0 || oPort === 0) warn(out, pp, `overlapping port definition with ${other.path.toString()}`);
        else if (hostPort === oPort && (hostIP === '') !== (oIP === '')) warn(out, pp, `dangerously ambiguous port definition with ${other.path.toString()}`);
      }
      others.push({ path: pp, port });
      allPorts.set(k, others);
    });
  });

  if (isNum(spec.terminationGracePeriodSeconds) && spec.terminationGracePeriodSeconds < 0) {
    warn(out, specPath.child('terminationGracePeriodSeconds'), 'must be >= 0; negative values are invalid and will be treated as 1');
  }
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[key];
    if (!isObj(pa)) continue;
    const pp = specPath.child('affinity', key);
    asList(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (isObj(t) && !isObj(t.labelSelector)) warn(out, pp.child('requiredDuringSchedulingIgnoredDuringExecution').index(i).child('labelSelector'), NULL_SELECTOR);
    });
    asList(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = isObj(t) && isObj(t.podAffinityTerm) ? t.podAffinityTerm : {};
      if (!isObj(term.labelSelector)) warn(out, pp.child('preferredDuringSchedulingIgnoredDuringExecution').index(i).child('podAffinityTerm', 'labelSelector'), NULL_SELECTOR);
    });
  }
  return out;
}
