// API-server validation of the certificates.k8s.io API group:
// CertificateSigningRequest (create).
// Upstream: pkg/apis/certificates/validation/validation.go
// (ValidateCertificateSigningRequestCreate, validateConditions, validateCertificate)
// and pkg/apis/core/validation ValidateSignerName.
//
// Limits: `spec.request` is checked for its PEM block (certificates.ParseCSR's
// "PEM block type must be CERTIFICATE REQUEST"); the DER inside and the
// signature are not parsed (x509.ParseCertificateRequest, CheckSignature), nor
// are the certificates of `status.certificate` beyond their PEM blocks.

import { duplicate, FieldPath, invalid, notSupported, required, tooLong, type FieldError } from './field';
import { validateMetaOf } from './groupHelpers';
import { DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, isDNS1123Label, isDNS1123Subdomain } from './names';
import { asList, asObj, isNum, isStr, type KindValidator, type ValidatorTable } from './types';

const SPEC = FieldPath.root('spec');
const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';

/** allValidUsages, sorted as sets.String.List() prints them. */
const KEY_USAGES = [
  'any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only',
  'digital signature', 'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement',
  'key encipherment', 'microsoft sgc', 'netscape sgc', 'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping',
];

/** core validation ValidateSignerName: `<domain>/<path>`. */
export function validateSignerName(path: FieldPath, signerName: string): FieldError[] {
  if (signerName === '') return [required(path, '')];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, signerPath] = segments;
  const errs: FieldError[] = [];
  if (domain.length > DNS1123_SUBDOMAIN_MAX) errs.push(tooLong(path, domain, DNS1123_SUBDOMAIN_MAX));
  const labels = domain.split('.');
  for (const lbl of labels) {
    const msgs = isDNS1123Label(lbl);
    if (msgs.length === 0) continue;
    for (const m of msgs) errs.push(invalid(path, domain, `validating label "${lbl}": ${m}`));
    break;
  }
  if (labels.length < 2) errs.push(invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const lbl of signerPath.split('.')) {
    const msgs = isDNS1123Subdomain(lbl);
    if (msgs.length === 0) continue;
    for (const m of msgs) errs.push(invalid(path, signerPath, `validating label "${lbl}": ${m}`));
    break;
  }
  const maxPath = DNS1123_SUBDOMAIN_MAX + DNS1123_LABEL_MAX + 1;
  if (signerPath.length > maxPath) errs.push(tooLong(path, signerPath, maxPath));
  const maxName = DNS1123_SUBDOMAIN_MAX + maxPath + 1;
  if (signerName.length > maxName) errs.push(tooLong(path, signerName, maxName));
  return errs;
}

/** The PEM blocks of a text as encoding/pem finds them: type and whether it has headers. */
function pemBlocks(text: string): Array<{ type: string; headers: boolean }> {
  const out: Array<{ type: string; headers: boolean }> = [];
  const re = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ type: m[1], headers: /^[^\n]*:/.test(m[2]) });
  return out;
}

/** A []byte field as the API server holds it: the bytes of its base64 text (undefined when not base64). */
function bytesOf(v: unknown): string | undefined {
  if (!isStr(v)) return undefined;
  const compact = v.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined; // the decoder refuses it first
  return Buffer.from(compact, 'base64').toString('latin1');
}

const validateCertificateSigningRequest: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, () => [], out); // "We don't care what you call your certificate requests."
  const errs = out.errors;
  const spec = asObj(obj.spec);
  const request = bytesOf(spec.request);
  if (request !== undefined || spec.request === undefined || spec.request === null) {
    const first = pemBlocks(request ?? '')[0];
    if (!first || first.type !== 'CERTIFICATE REQUEST') errs.push(invalid(SPEC.child('request'), spec.request ?? '', 'PEM block type must be CERTIFICATE REQUEST'));
  }
  const usages = asList(spec.usages);
  if (usages.length === 0) errs.push(required(SPEC.child('usages'), ''));
  usages.forEach((u, i) => {
    if (!isStr(u) || !KEY_USAGES.includes(u)) errs.push(notSupported(SPEC.child('usages').index(i), u, KEY_USAGES));
  });
  const seen = new Set<unknown>();
  usages.forEach((u, i) => {
    if (seen.has(u)) errs.push(duplicate(SPEC.child('usages').index(i), u));
    seen.add(u);
  });
  const signer = isStr(spec.signerName) ? spec.signerName : '';
  if (signer === LEGACY_UNKNOWN_SIGNER) errs.push(invalid(SPEC.child('signerName'), signer, 'the legacy signerName is not allowed via this API version'));
  else errs.push(...validateSignerName(SPEC.child('signerName'), signer));
  if (isNum(spec.expirationSeconds) && spec.expirationSeconds < 600) {
    errs.push(invalid(SPEC.child('expirationSeconds'), spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  validateConditions(asObj(obj.status), errs);
  const cert = bytesOf(asObj(obj.status).certificate);
  if (cert !== undefined && cert.length > 0) {
    const problem = certificateProblem(cert);
    if (problem) errs.push(invalid(FieldPath.root('status', 'certificate'), '<certificate data>', problem));
  }
};

/** validateCertificate, as far as the PEM blocks go. */
function certificateProblem(pemData: string): string | undefined {
  const blocks = pemBlocks(pemData);
  for (const b of blocks) {
    if (b.type !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found "${b.type}"`;
    if (b.headers) return 'no PEM block headers are permitted';
  }
  return blocks.length === 0 ? 'must contain at least one CERTIFICATE PEM block' : undefined;
}

const TRUE_ONLY = new Set(['Approved', 'Denied', 'Failed']);

/** validateConditions on create. */
function validateConditions(status: Record<string, unknown>, errs: FieldError[]): void {
  const p = FieldPath.root('status', 'conditions');
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  asList(status.conditions).forEach((c, i) => {
    const cond = asObj(c);
    const type = isStr(cond.type) ? cond.type : '';
    const st = isStr(cond.status) ? cond.status : '';
    if (type === '') errs.push(required(p.index(i).child('type'), ''));
    const allowed = TRUE_ONLY.has(type) ? ['True'] : ['False', 'True', 'Unknown'];
    if (st === '') errs.push(required(p.index(i).child('status'), ''));
    else if (!allowed.includes(st)) errs.push(notSupported(p.index(i).child('status'), st, allowed));
    if (type === 'Approved') {
      approved = true;
      if (denied) errs.push(invalid(p.index(i).child('type'), type, 'Approved and Denied conditions are mutually exclusive'));
    } else if (type === 'Denied') {
      denied = true;
      if (approved) errs.push(invalid(p.index(i).child('type'), type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (seen.has(type)) errs.push(duplicate(p.index(i).child('type'), type));
    seen.add(type);
  });
}

export const certificatesValidators: ValidatorTable = {
  'certificates/CertificateSigningRequest': validateCertificateSigningRequest,
};
