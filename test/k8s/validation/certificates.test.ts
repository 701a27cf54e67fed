// certificates.k8s.io validation tables, ported from upstream
// pkg/apis/certificates/validation/validation_test.go
// (TestValidateCertificateSigningRequestCreate, TestValidateSignerName cases from
// pkg/apis/core/validation/validation_test.go, TestValidateCertificateSigningRequestUpdate
// conditions on create) with our own minimal objects.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/certificates/validation/validation_test.go';
const CORE_UPSTREAM = 'pkg/apis/core/validation/validation_test.go';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const REQUEST = b64('-----BEGIN CERTIFICATE REQUEST-----\nMIIBVzCB/gIBADAbMRkwFwYDVQQDExBzeXN0ZW06bm9kZTpub2RlMTBZ\n-----END CERTIFICATE REQUEST-----\n');
const CERT = b64('-----BEGIN CERTIFICATE-----\nMIIBhTCCASugAwIBAgIQIRi6zePL6mKjOipn+dNuaTAKBggqhkjOPQQDAjASMRAw\n-----END CERTIFICATE-----\n');
const csr = {
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name: 'node-csr' },
  spec: { request: REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] },
};
const withSigner = (signerName: string) => ({ spec: { signerName } });

runTable('CertificateSigningRequest', UPSTREAM, csr, [
  { name: 'valid', patch: {} },
  { name: 'any name is accepted', patch: { metadata: { name: 'Any_Name:At All' } } },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name']] },
  { name: 'missing usages', patch: { spec: { usages: null } }, errors: [['Required', 'spec.usages']] },
  { name: 'empty usages', patch: { spec: { usages: [] } }, errors: [['Required', 'spec.usages']] },
  { name: 'unknown usage', patch: { spec: { usages: ['client auth', 'unknown'] } }, errors: [['NotSupported', 'spec.usages[1]']] },
  { name: 'duplicate usage', patch: { spec: { usages: ['client auth', 'client auth'] } }, errors: [['Duplicate', 'spec.usages[1]']] },
  { name: 'every known usage', patch: { spec: { usages: ['signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing', 'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing', 'microsoft sgc', 'netscape sgc'] } } },
  { name: 'usage in the wrong case', patch: { spec: { usages: ['Client Auth'] } }, errors: [['NotSupported', 'spec.usages[0]']] },
  { name: 'missing request', patch: { spec: { request: null } }, errors: [['Invalid', 'spec.request', 'PEM block type must be CERTIFICATE REQUEST']] },
  { name: 'request that is not PEM', patch: { spec: { request: b64('not a csr') } }, errors: [['Invalid', 'spec.request', 'PEM block type must be CERTIFICATE REQUEST']] },
  { name: 'request with a CERTIFICATE block', patch: { spec: { request: CERT } }, errors: [['Invalid', 'spec.request', 'PEM block type must be CERTIFICATE REQUEST']] },
  { name: 'missing signerName', patch: { spec: { signerName: null } }, errors: [['Required', 'spec.signerName']] },
  { name: 'legacy signerName', patch: withSigner('kubernetes.io/legacy-unknown'), errors: [['Invalid', 'spec.signerName', 'the legacy signerName is not allowed via this API version']] },
  { name: 'kubelet serving signer', patch: withSigner('kubernetes.io/kubelet-serving') },
  { name: 'custom signer', patch: withSigner('example.com/my-signer') },
  { name: 'expirationSeconds 600', patch: { spec: { expirationSeconds: 600 } } },
  { name: 'expirationSeconds 599', patch: { spec: { expirationSeconds: 599 } }, errors: [['Invalid', 'spec.expirationSeconds', 'may not specify a duration less than 600 seconds (10 minutes)']] },
  { name: 'expirationSeconds 0', patch: { spec: { expirationSeconds: 0 } }, errors: [['Invalid', 'spec.expirationSeconds']] },
  { name: 'negative expirationSeconds', patch: { spec: { expirationSeconds: -1 } }, errors: [['Invalid', 'spec.expirationSeconds']] },
  { name: 'Approved condition True', patch: { status: { conditions: [{ type: 'Approved', status: 'True' }] } } },
  { name: 'Approved condition False', patch: { status: { conditions: [{ type: 'Approved', status: 'False' }] } }, errors: [['NotSupported', 'status.conditions[0].status', 'supported values: "True"']] },
  { name: 'Denied condition Unknown', patch: { status: { conditions: [{ type: 'Denied', status: 'Unknown' }] } }, errors: [['NotSupported', 'status.conditions[0].status']] },
  { name: 'Failed condition True', patch: { status: { conditions: [{ type: 'Failed', status: 'True' }] } } },
  { name: 'custom condition False', patch: { status: { conditions: [{ type: 'Custom', status: 'False' }] } } },
  { name: 'custom condition with bad status', patch: { status: { conditions: [{ type: 'Custom', status: 'Maybe' }] } }, errors: [['NotSupported', 'status.conditions[0].status', 'supported values: "False", "True", "Unknown"']] },
  { name: 'condition without status', patch: { status: { conditions: [{ type: 'Custom' }] } }, errors: [['Required', 'status.conditions[0].status']] },
  { name: 'condition without type', patch: { status: { conditions: [{ status: 'True' }] } }, errors: [['Required', 'status.conditions[0].type']] },
  { name: 'Approved and Denied', patch: { status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }] } }, errors: [['Invalid', 'status.conditions[1].type', 'Approved and Denied conditions are mutually exclusive']] },
  { name: 'Denied then Approved', patch: { status: { conditions: [{ type: 'Denied', status: 'True' }, { type: 'Approved', status: 'True' }] } }, errors: [['Invalid', 'status.conditions[1].type']] },
  { name: 'duplicate condition type', patch: { status: { conditions: [{ type: 'Custom', status: 'True' }, { type: 'Custom', status: 'False' }] } }, errors: [['Duplicate', 'status.conditions[1].type']] },
  { name: 'status certificate', patch: { status: { certificate: CERT } } },
  { name: 'status certificate not PEM', patch: { status: { certificate: b64('garbage') } }, errors: [['Invalid', 'status.certificate', 'must contain at least one CERTIFICATE PEM block']] },
  { name: 'status certificate with a key block', patch: { status: { certificate: b64('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n') } }, errors: [['Invalid', 'status.certificate', 'only CERTIFICATE PEM blocks are allowed, found "PRIVATE KEY"']] },
  { name: 'status certificate with headers', patch: { status: { certificate: b64('-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nMIIB\n-----END CERTIFICATE-----\n') } }, errors: [['Invalid', 'status.certificate', 'no PEM block headers are permitted']] },
]);

runTable('CertificateSigningRequest signerName', CORE_UPSTREAM, csr, [
  { name: 'no slash', patch: withSigner('example.com'), errors: [['Invalid', 'spec.signerName', "must be a fully qualified domain and path of the form 'example.com/signer-name'"]] },
  { name: 'two slashes', patch: withSigner('example.com/a/b'), errors: [['Invalid', 'spec.signerName']] },
  { name: 'domain with one segment', patch: withSigner('example/signer'), errors: [['Invalid', 'spec.signerName', 'should be a domain with at least two segments separated by dots']] },
  { name: 'uppercase domain label', patch: withSigner('Example.com/signer'), errors: [['Invalid', 'spec.signerName']] },
  { name: 'empty domain', patch: withSigner('/signer'), errors: [['Invalid', 'spec.signerName'], ['Invalid', 'spec.signerName']] },
  { name: 'empty path', patch: withSigner('example.com/'), errors: [['Invalid', 'spec.signerName']] },
  { name: 'dotted path', patch: withSigner('example.com/signer.v1') },
  { name: 'uppercase path', patch: withSigner('example.com/Signer'), errors: [['Invalid', 'spec.signerName']] },
  { name: 'domain label too long', patch: withSigner(`${'a'.repeat(64)}.com/signer`), errors: [['Invalid', 'spec.signerName']] },
  { name: 'domain too long', patch: withSigner(`${'a.'.repeat(127)}com/signer`), errors: [['TooLong', 'spec.signerName']] },
  { name: 'longest valid label', patch: withSigner(`${'a'.repeat(63)}.com/signer`) },
]);
