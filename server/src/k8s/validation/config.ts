// ConfigMap, Secret, ServiceAccount and Namespace.
// Upstream: pkg/apis/core/validation/validation.go (ValidateConfigMap,
// ValidateSecret, ValidateServiceAccount, ValidateNamespace,
// validateFinalizerName) and pkg/apis/core/v1/conversion.go (a Secret's
// stringData is merged into data before validation).

import { FieldPath, invalid, required, tooLong, type FieldError } from './field';
import { validateCreateMeta, validateKubeFinalizerName, validateObjectMeta } from './meta';
import { isConfigMapKey, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names';
import { asList, isObj, isStr, type Json, type KindValidator, isMissing } from './types';

const MAX_SECRET_SIZE = 1024 * 1024;
const REDACTED = '<secret contents redacted>';

/** Bytes of a base64 `data`/`binaryData` value (the API server stores the decoded bytes). */
function decodedLength(v: unknown): number {
  if (!isStr(v)) return 0;
  return Buffer.from(v.replace(/\s+/g, ''), 'base64').length;
}

const sortedKeys = (m: Json): string[] => Object.keys(m).sort();

export const validateConfigMap: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const data = isObj(obj.data) ? obj.data : {};
  const binary = isObj(obj.binaryData) ? obj.binaryData : {};
  let total = 0;
  for (const key of sortedKeys(data)) {
    const p = FieldPath.root('data').key(key);
    for (const m of isConfigMapKey(key)) out.errors.push(invalid(p, key, m));
    if (key in binary) out.errors.push(invalid(p, key, 'duplicate of key present in binaryData'));
    const v = data[key];
    total += isStr(v) ? Buffer.byteLength(v) : 0;
  }
  for (const key of sortedKeys(binary)) {
    const p = FieldPath.root('binaryData').key(key);
    for (const m of isConfigMapKey(key)) out.errors.push(invalid(p, key, m));
    total += decodedLength(binary[key]);
  }
  // Upstream passes the empty path ("") for an error about the whole object.
  if (total > MAX_SECRET_SIZE) out.errors.push(tooLong(FieldPath.root(), undefined, MAX_SECRET_SIZE));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

/** Go's json.Unmarshal into a map: a short reason when `text` is not a JSON object. */
function jsonObjectError(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    if (trimmed === '') return 'unexpected end of JSON input';
    const first = trimmed[0];
    if (!'{["-0123456789tfn'.includes(first)) return `invalid character '${first}' looking for beginning of value`;
    return 'unexpected end of JSON input';
  }
  if (parsed === null || isObj(parsed)) return undefined;
  const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'number' ? 'number' : 'bool';
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

/** Secret data after conversion: base64 `data` decoded, `stringData` merged over it. */
function secretData(obj: Json): Map<string, string> {
  const out = new Map<string, string>();
  if (isObj(obj.data)) for (const [k, v] of Object.entries(obj.data)) out.set(k, isStr(v) ? Buffer.from(v.replace(/\s+/g, ''), 'base64').toString('utf8') : '');
  if (isObj(obj.stringData)) for (const [k, v] of Object.entries(obj.stringData)) out.set(k, isStr(v) ? v : String(v ?? ''));
  return out;
}

export function validateSecretData(obj: Json): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = FieldPath.root('data');
  const data = secretData(obj);
  let total = 0;
  for (const key of [...data.keys()].sort()) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
    total += Buffer.byteLength(data.get(key) ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, '', MAX_SECRET_SIZE));
  const annotations = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {};
  const jsonKey = (key: string) => {
    const v = data.get(key);
    if (v === undefined) {
      errs.push(required(dataPath.key(key), ''));
      return;
    }
    const why = jsonObjectError(v);
    if (why) errs.push(invalid(dataPath.key(key), REDACTED, why));
  };
  switch (obj.type) {
    case 'kubernetes.io/service-account-token': {
      const sa = annotations['kubernetes.io/service-account.name'];
      if (isMissing(sa)) errs.push(required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      break;
    }
    case 'kubernetes.io/dockercfg':
      jsonKey('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      jsonKey('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) errs.push(required(dataPath.key('username'), ''), required(dataPath.key('password'), ''));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data.get('ssh-privatekey')) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!data.has('tls.key')) errs.push(required(dataPath.key('tls.key'), ''));
      break;
    case 'bootstrap.kubernetes.io/token':
      break;
  }
  return errs;
}

export const validateSecret: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  out.errors.push(...validateSecretData(obj));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

export const validateServiceAccount: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

/** Namespace: cluster-scoped, name a DNS-1123 label, spec.finalizers qualified or standard. */
export const validateNamespace: KindValidator = (obj, _opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, false, nameIsDNSLabel, metaPath));
  const spec = isObj(obj.spec) ? obj.spec : {};
  const fp = FieldPath.root('spec', 'finalizers');
  for (const f of asList(spec.finalizers).filter(isStr)) {
    for (const m of isQualifiedName(f)) out.errors.push(invalid(fp, f, m));
    out.errors.push(...validateKubeFinalizerName(f, fp));
  }
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};
