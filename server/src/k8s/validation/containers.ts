// Containers of a pod spec: names, image, ports, env, envFrom, volumeMounts,
// resources, probes, lifecycle and security context.
// Upstream: pkg/apis/core/validation/validation.go (validateContainers,
// validateInitContainers, validateContainerCommon, validateContainerPorts,
// checkHostPortConflicts, ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom,
// ValidateVolumeMounts, validateProbe, validateHandler, ValidateSecurityContext,
// validateSeccompProfileField, validatePullPolicy, validateTerminationMessagePolicy).
// Fields the API server defaults (imagePullPolicy, protocol, probe thresholds,
// fieldRef.apiVersion, httpGet.path/scheme) are checked only when present: an
// absent value is filled before validation, never an error.

import { FieldPath, duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from './field';
import { isConfigMapKey, isDNS1123Label, isHTTPHeaderName, isQualifiedName, isRelaxedEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from './names';
import { validateResourceRequirements } from './resources';
import { asList, isNum, isObj, isStr, type Json, isMissing, isWrongType } from './types';

/** ValidateDNS1123Label: each message as Invalid at `path`. */
export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

/** ValidatePortNumOrName (IntOrString ports of probes and Service targetPorts). */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (isNum(port)) return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (isStr(port)) return isValidPortName(port).map((m) => invalid(path, port, m));
  return [];
}

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asList(ports).forEach((port, i) => {
    if (!isObj(port)) return;
    const p = path.index(i);
    if (isStr(port.name) && port.name !== '') {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (port.containerPort === undefined || port.containerPort === 0) errs.push(required(p.child('containerPort'), ''));
    else if (isNum(port.containerPort)) for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(p.child('containerPort'), port.containerPort, m));
    if (isNum(port.hostPort) && port.hostPort !== 0) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(p.child('hostPort'), port.hostPort, m));
    if (isStr(port.protocol) && port.protocol !== '' && !PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PORT_PROTOCOLS));
  });
  return errs;
}

/** checkHostPortConflicts / AccumulateUniqueHostPorts: `hostIP/protocol/hostPort` unique across containers. */
export function checkHostPortConflicts(containers: unknown[], path: FieldPath, seen = new Set<string>(), indexOffset = 0): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    if (!isObj(c)) return;
    asList(c.ports).forEach((port, pi) => {
      if (!isObj(port) || !isNum(port.hostPort) || port.hostPort === 0) return;
      const key = `${isStr(port.hostIP) ? port.hostIP : ''}/${isStr(port.protocol) ? port.protocol : 'TCP'}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci + indexOffset).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** podshelper.ConvertDownwardAPIFieldLabel: the labels the downward API knows at all. */
const CONVERTIBLE_FIELD_PATHS = new Set([...ENV_FIELD_PATHS, 'metadata.annotations', 'metadata.labels', 'spec.restartPolicy', 'spec.schedulerName', 'status.phase']);
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** validateObjectFieldSelector (env `fieldRef`, downwardAPI volume items). */
export function validateObjectFieldSelector(fs: Json, expressions: string[], path: FieldPath): FieldError[] {
  if (fs.apiVersion === '') return [required(path.child('apiVersion'), '')];
  if (isMissing(fs.fieldPath)) return [required(path.child('fieldPath'), '')];
  if (!isStr(fs.fieldPath)) return [];
  const fieldPath = fs.fieldPath;
  if (isStr(fs.apiVersion) && fs.apiVersion !== 'v1') return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${fs.apiVersion}`)];
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath) ?? /^([^[]+)\[(.*)\]$/.exec(fieldPath);
  const base = sub ? sub[1] : fieldPath;
  if (!CONVERTIBLE_FIELD_PATHS.has(base)) return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  if (sub) {
    const key = sub[2].replace(/^'|'$/g, '');
    if (base === 'metadata.annotations') return isQualifiedName(key.toLowerCase()).map((m) => invalid(path, key.toLowerCase(), m));
    if (base === 'metadata.labels') return isQualifiedName(key).map((m) => invalid(path, key, m));
    return [invalid(path, base, 'does not support subscript')];
  }
  if (!expressions.includes(base)) return [notSupported(path.child('fieldPath'), base, expressions)];
  return [];
}

const RESOURCE_FIELD_EXPRESSIONS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** validateContainerResourceFieldSelector (env and downwardAPI `resourceFieldRef`). */
export function validateResourceFieldSelector(fs: Json, path: FieldPath, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && (isMissing(fs.containerName))) errs.push(required(path.child('containerName'), ''));
  if (isMissing(fs.resource)) errs.push(required(path.child('resource'), ''));
  else if (isStr(fs.resource) && !RESOURCE_FIELD_EXPRESSIONS.includes(fs.resource) && !/^(limits|requests)\.hugepages-/.test(fs.resource)) {
    errs.push(notSupported(path.child('resource'), fs.resource, RESOURCE_FIELD_EXPRESSIONS));
  }
  return errs;
}

function validateKeySelector(sel: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = isStr(sel.name) ? sel.name : '';
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(path.child('name'), name, m));
  if (isMissing(sel.key)) errs.push(required(path.child('key'), ''));
  else if (isStr(sel.key)) for (const m of isConfigMapKey(sel.key)) errs.push(invalid(path.child('key'), sel.key, m));
  return errs;
}

function validateEnvVarValueFrom(ev: Json, path: FieldPath): FieldError[] {
  const vf = ev.valueFrom;
  if (!isObj(vf)) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (isObj(vf.fieldRef)) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  if (isObj(vf.resourceFieldRef)) {
    n++;
    errs.push(...validateResourceFieldSelector(vf.resourceFieldRef, path.child('resourceFieldRef'), false));
  }
  if (isObj(vf.configMapKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, path.child('configMapKeyRef')));
  }
  if (isObj(vf.secretKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, path.child('secretKeyRef')));
  }
  if (isObj(vf.fileKeyRef)) n++;
  if (n === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (isStr(ev.value) && ev.value !== '') errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** ValidateEnv (RelaxedEnvironmentVariableValidation is on: any printable ASCII except '='). */
export function validateEnv(env: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(env).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const p = path.index(i);
    if (isMissing(ev.name)) errs.push(required(p.child('name'), ''));
    else if (isStr(ev.name)) for (const m of isRelaxedEnvVarName(ev.name)) errs.push(invalid(p.child('name'), ev.name, m));
    errs.push(...validateEnvVarValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(envFrom).forEach((ev, i) => {
    if (!isObj(ev)) return;
    const p = path.index(i);
    if (isStr(ev.prefix) && ev.prefix !== '') for (const m of isRelaxedEnvVarName(ev.prefix)) errs.push(invalid(p.child('prefix'), ev.prefix, m));
    let n = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = ev[key];
      if (!isObj(ref)) continue;
      n++;
      const rp = p.child(key).child('name');
      if (isMissing(ref.name)) errs.push(required(rp, ''));
      else if (isStr(ref.name)) for (const m of nameIsDNSSubdomain(ref.name, false)) errs.push(invalid(rp, ref.name, m));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/** validateLocalDescendingPath: relative, no `..` step. */
export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  return target.split(/[\\/]/).includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** ValidateVolumeMounts: the volume must exist (and be valid), mount paths unique. */
function validateVolumeMounts(mounts: unknown, devices: unknown, volumes: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const deviceNames = new Set(asList(devices).filter(isObj).map((d) => d.name));
  const devicePaths = new Set(asList(devices).filter(isObj).map((d) => d.devicePath));
  asList(mounts).forEach((mnt, i) => {
    if (!isObj(mnt)) return;
    const p = path.index(i);
    const name = isStr(mnt.name) ? mnt.name : '';
    const mountPath = isStr(mnt.mountPath) ? mnt.mountPath : '';
    if (name === '') errs.push(required(p.child('name'), ''));
    if (!volumes.has(name)) errs.push(notFound(p.child('name'), name));
    if (mountPath === '') errs.push(required(p.child('mountPath'), ''));
    if (mountPoints.has(mountPath)) errs.push(invalid(p.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (deviceNames.has(name)) errs.push(invalid(p.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(p.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports subPath problems on the list path, not the item (kept for parity).
    if (isStr(mnt.subPath) && mnt.subPath !== '') errs.push(...validateLocalDescendingPath(mnt.subPath, path.child('subPath')));
    if (isStr(mnt.subPathExpr) && mnt.subPathExpr !== '') {
      if (isStr(mnt.subPath) && mnt.subPath !== '') errs.push(invalid(p.child('subPathExpr'), mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(mnt.subPathExpr, path.child('subPathExpr')));
    }
    if (isStr(mnt.mountPropagation) && !['None', 'HostToContainer', 'Bidirectional'].includes(mnt.mountPropagation)) {
      errs.push(notSupported(p.child('mountPropagation'), mnt.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']));
    }
  });
  return errs;
}

const HANDLER_KEYS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

/** validateHandler: exactly one handler type, each checked for its own fields. */
function validateHandler(h: Json, path: FieldPath, allowed: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const key of HANDLER_KEYS) {
    const v = h[key];
    if (!isObj(v) || !allowed.includes(key)) continue;
    if (n > 0) {
      errs.push(forbidden(path.child(key), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = path.child(key);
    if (key === 'exec' && asList(v.command).length === 0 && !isWrongType(v.command, 'list')) errs.push(required(p.child('command'), ''));
    if (key === 'httpGet') {
      if (v.path === '') errs.push(required(p.child('path'), ''));
      errs.push(...validatePortNumOrName(v.port, p.child('port')));
      if (isStr(v.scheme) && v.scheme !== '' && !['HTTP', 'HTTPS'].includes(v.scheme)) errs.push(notSupported(p.child('scheme'), v.scheme, ['HTTP', 'HTTPS']));
      for (const hdr of asList(v.httpHeaders)) {
        if (isObj(hdr) && isStr(hdr.name)) for (const m of isHTTPHeaderName(hdr.name)) errs.push(invalid(p.child('httpHeaders'), hdr.name, m));
      }
    }
    if (key === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, p.child('port')));
    if (key === 'grpc' && isNum(v.port)) for (const m of isValidPortNum(v.port)) errs.push(invalid(p.child('port'), v.port, m));
    if (key === 'sleep' && isNum(v.seconds) && v.seconds < 0) errs.push(invalid(p.child('seconds'), v.seconds, 'must be greater than or equal to 0'));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

function validateProbe(probe: Json, kind: ProbeKind, path: FieldPath): FieldError[] {
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = probe[f];
    if (isNum(v) && v < 0) errs.push(invalid(path.child(f), v, 'must be greater than or equal to 0'));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (isNum(tgps) && tgps <= 0) errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind === 'readinessProbe' && tgps !== undefined && tgps !== null) errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  if (kind !== 'readinessProbe' && isNum(probe.successThreshold) && probe.successThreshold !== 1) errs.push(invalid(path.child('successThreshold'), probe.successThreshold, 'must be 1'));
  return errs;
}

function validateLifecycle(lc: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) if (isObj(lc[hook])) errs.push(...validateHandler(lc[hook] as Json, path.child(hook), HANDLER_KEYS));
  return errs;
}

const MAX_UINT32 = 0xffffffff;
const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

export function validateSeccompProfile(sp: unknown, path: FieldPath): FieldError[] {
  if (!isObj(sp)) return [];
  if (isMissing(sp.type)) return [required(path.child('type'), '')];
  if (!isStr(sp.type)) return [];
  if (!SECCOMP_TYPES.includes(sp.type)) return [notSupported(path.child('type'), sp.type, SECCOMP_TYPES)];
  if (sp.type === 'Localhost') {
    if (!isStr(sp.localhostProfile)) return [required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost')];
    return validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile'));
  }
  if (sp.localhostProfile !== undefined && sp.localhostProfile !== null) return [invalid(path.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost')];
  return [];
}

/** IsValidUserID / IsValidGroupID on the given fields of a security context. */
export function validateIDs(sc: Json, fields: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of fields) {
    const v = sc[f];
    if (isNum(v) && (v < 0 || v > MAX_UINT32)) errs.push(invalid(path.child(f), v, `must be between 0 and ${MAX_UINT32}, inclusive`));
  }
  return errs;
}

/** ValidateSecurityContext (container level). */
function validateSecurityContext(sc: unknown, path: FieldPath): FieldError[] {
  if (!isObj(sc)) return [];
  const errs = validateIDs(sc, ['runAsUser', 'runAsGroup'], path);
  if (isStr(sc.procMount) && !['Default', 'Unmasked'].includes(sc.procMount)) errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    const add = isObj(sc.capabilities) ? asList(sc.capabilities.add) : [];
    if (add.includes('CAP_SYS_ADMIN')) errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  return errs;
}

export type ContainerKind = 'container' | 'init' | 'ephemeral';

/** validateContainerCommon: what every container (regular, init, ephemeral) must satisfy. */
function validateContainerCommon(c: Json, volumes: Set<string>, path: FieldPath, claims: string[]): FieldError[] {
  const errs: FieldError[] = [];
  if (isMissing(c.name)) errs.push(required(path.child('name'), ''));
  else if (isStr(c.name)) errs.push(...validateDNS1123Label(c.name, path.child('name')));
  if (isMissing(c.image)) errs.push(required(path.child('image'), ''));
  if (isStr(c.imagePullPolicy) && c.imagePullPolicy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(notSupported(path.child('imagePullPolicy'), c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(c.resources, path.child('resources'), claims));
  errs.push(...validateContainerPorts(c.ports, path.child('ports')));
  errs.push(...validateEnv(c.env, path.child('env')));
  errs.push(...validateEnvFrom(c.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, c.volumeDevices, volumes, path.child('volumeMounts')));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext')));
  const tmp = c.terminationMessagePolicy;
  if (isStr(tmp) && tmp !== '' && tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  return errs;
}

function validateProbesAndLifecycle(c: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, path.child('lifecycle')));
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (isObj(c[kind])) errs.push(...validateProbe(c[kind] as Json, kind, path.child(kind)));
  }
  return errs;
}

/** validateContainers: regular containers (at least one, unique names, host ports unique). */
export function validateContainers(list: unknown, volumes: Set<string>, path: FieldPath, claims: string[] = []): FieldError[] {
  const errs: FieldError[] = [];
  const containers = asList(list);
  if (containers.length === 0 && !isWrongType(list, 'list')) errs.push(required(path, ''));
  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p, claims));
    const name = isStr(c.name) ? c.name : '';
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, p));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

const NOT_FOR_INIT = 'may not be set for init containers without restartPolicy=Always';

/** validateInitContainers: names unique across init and regular containers; probes only for sidecars. */
export function validateInitContainers(list: unknown, regular: unknown, volumes: Set<string>, path: FieldPath, claims: string[] = []): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(asList(regular).filter(isObj).map((c) => (isStr(c.name) ? c.name : '')));
  asList(list).forEach((c, i) => {
    if (!isObj(c)) return;
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p, claims));
    const restartPolicy = c.restartPolicy;
    if (isStr(restartPolicy) && restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), restartPolicy, ['Always']));
    const name = isStr(c.name) ? c.name : '';
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else if (name !== '') names.add(name);
    errs.push(...checkHostPortConflicts([c], path, new Set(), i));
    if (restartPolicy === 'Always') errs.push(...validateProbesAndLifecycle(c, p));
    else for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) if (isObj(c[f])) errs.push(forbidden(p.child(f), NOT_FOR_INIT));
  });
  return errs;
}
