// Validates the shared real-world corpus (../shared/corpus): no error on any
// document of the clean files, an error on every document that uses an API
// Kubernetes 1.36 does not serve, and CRD-backed custom resources validated
// against the corpus CRDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/model/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/features/context';
import { docValidation } from '../../server/src/features/validation';
import { getKindInfo, isBuiltinGroup } from '../../server/src/schema';

const corpus = resolve(__dirname, '../../../shared/corpus');

/**
 * Clean files that really are wrong (checked by hand); each lists the error codes
 * expected in it. The test also fails if one of these stops producing its errors.
 */
const KNOWN_BAD: Record<string, { codes: string[]; reason: string }> = {
  // pathType is case-sensitive: the API server rejects "exact" (Exact).
  'ContainerSolutions__kubernetes-examples/Ingress/fanout.yaml': { codes: ['invalid-enum'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/nohost.yaml': { codes: ['invalid-enum'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/tls.yaml': { codes: ['invalid-enum'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/virtualhosting.yaml': { codes: ['invalid-enum'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/cloud-providers/gcp/https-ready-alb/https-ready-alb.yaml': { codes: ['unknown-field'], reason: 'networking.k8s.io/v1 IngressSpec has defaultBackend, not backend (v1beta1 field)' },
  // Unsubstituted placeholders (PV_NAME, FILESTORE_CAPACITY, PORT, ${VAR:-x}, "CRT", "...base64 encoded data...").
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-slurm/autopilot/pv-pvc.yaml': { codes: ['invalid-name', 'invalid-quantity'], reason: 'placeholders PV_NAME / FILESTORE_CAPACITY' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-slurm/metrics-autoscaling/pv-pvc.yaml': { codes: ['invalid-name'], reason: 'placeholders PV_NAME / PVC_NAME' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/vlllm gpu_deployment-variables.yaml': { codes: ['invalid-name'], reason: '${VAR:-default} placeholders in names and namespaces' },
  'GoogleCloudPlatform__kubernetes-engine-samples/networking/sctp/sctp-deployment.yaml': { codes: ['wrong-type'], reason: 'placeholder PORT in integer port fields' },
  'GoogleCloudPlatform__kubernetes-engine-samples/databases/redis-enterprise-operator/manifests/01-basic-cluster/webhook.yaml': { codes: ['invalid-value'], reason: 'caBundle: "CRT" placeholder is not base64' },
  'kubernetes__ingress-nginx/docs/examples/customization/ssl-dh-param/ssl-dh-param.yaml': { codes: ['invalid-value'], reason: 'Secret data "...base64 encoded data..." placeholder is not base64' },
  // Custom resources that do not match the CRD shipped next to them (an older InferenceModel CRD).
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/inference-model.yaml': { codes: ['unknown-field', 'missing-required'], reason: 'InferenceModel fields not in the v1alpha2 CRD of manifests.yaml' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/inference-model-variables.yaml': { codes: ['unknown-field', 'missing-required', 'invalid-name', 'invalid-label-value'], reason: 'same as inference-model.yaml, plus ${VAR} placeholders' },
  // Argo CD design documents predating required fields of the ApplicationSet CRD (spec.template.spec.project, git.revision).
  'argoproj__argo-cd/applicationset/examples/design-doc/applicationset-fasttemplate.yaml': { codes: ['missing-required'], reason: 'design doc: no project' },
  'argoproj__argo-cd/applicationset/examples/design-doc/applicationset.yaml': { codes: ['missing-required'], reason: 'design doc: no project' },
  'argoproj__argo-cd/applicationset/examples/design-doc/git-files-discovery-fasttemplate.yaml': { codes: ['missing-required'], reason: 'design doc: no project / revision' },
  'argoproj__argo-cd/applicationset/examples/design-doc/git-files-discovery.yaml': { codes: ['missing-required'], reason: 'design doc: no project / revision' },
  'argoproj__argo-cd/applicationset/examples/design-doc/git-files-literal-fasttemplate.yaml': { codes: ['missing-required'], reason: 'design doc: no project / revision' },
  'argoproj__argo-cd/applicationset/examples/design-doc/git-files-literal.yaml': { codes: ['missing-required'], reason: 'design doc: no project / revision' },
  'argoproj__argo-cd/applicationset/examples/design-doc/proposal/filters.yaml': { codes: ['unknown-field', 'missing-required'], reason: 'proposal: "filters" was never added to the CRD' },
  // Operator-manual reference page whose generator examples are mis-indented or use fields the CRD does not have
  // (configMapRef/name/labelSelector at generator level instead of under clusterDecisionResource, source.revision, ...).
  'argoproj__argo-cd/docs/operator-manual/applicationset.yaml': { codes: ['unknown-field'], reason: 'documentation snippets with mis-indented generator fields' },
  // Numbers / booleans where the API takes strings (kubectl apply fails to decode them).
  'argoproj__argo-cd/docs/operator-manual/argocd-repo-creds.yaml': { codes: ['wrong-type'], reason: 'Secret stringData values githubAppID: 1 (must be strings)' },
  'kubernetes__ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml': { codes: ['wrong-type'], reason: 'env value: true (must be a string)' },
  // Duplicate mapping keys (the second `requests:` silently replaces the first in most parsers).
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/05-replicator/my-target-cluster.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/05-replicator/replicator.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/06-confluent-platform/platform.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  // An apiextensions.k8s.io/v1 CRD written in the v1beta1 shape (spec.version instead of spec.versions).
  'kubernetes__dashboard/modules/web/cypress/fixtures/crd.yaml': { codes: ['unknown-field', 'missing-required'], reason: 'v1 CRD with v1beta1 spec.version' },
  // Kyverno sample resources: "good/bad" refers to a Kyverno policy, but these are also invalid Kubernetes objects.
  'kyverno__policies/kubecost-cel/require-kubecost-labels/.kyverno-test/resource.yaml': { codes: ['invalid-label-value'], reason: 'label value "John Doe" has a space' },
  'kyverno__policies/openshift-cel/disallow-deprecated-apis/.kyverno-test/resources.yaml': { codes: ['unknown-field'], reason: 'rbac Role/ClusterRole with spec: instead of rules:' },
  'kyverno__policies/other-cel/require-ingress-https/.chainsaw-test/ingress-bad.yaml': { codes: ['unknown-field'], reason: 'IngressRule has no https field' },
  'kyverno__policies/other/disallow-secrets-from-env-vars/.chainsaw-test/podcontrollers-bad.yaml': { codes: ['invalid-enum'], reason: 'restartPolicy: OnFailures' },
  'kyverno__policies/pod-security-cel/baseline/disallow-host-ports/.chainsaw-test/pod-bad.yaml': { codes: ['missing-required'], reason: 'container port without containerPort' },
  'kyverno__policies/pod-security-cel/restricted/require-run-as-nonroot/.chainsaw-test/pod-bad.yaml': { codes: ['unknown-field'], reason: 'allowPrivilegeEscalation in the pod-level securityContext' },
  'kyverno__policies/pod-security-cel/restricted/require-run-as-nonroot/.kyverno-test/resource.yaml': { codes: ['unknown-field'], reason: 'allowPrivilegeEscalation in the pod-level securityContext' },
};

test('corpus: clean files have no errors, unserved APIs are reported, CRDs validate their resources', (t) => {
  if (!existsSync(join(corpus, 'INDEX.tsv'))) {
    t.skip('../shared/corpus is absent: corpus validation skipped');
    return;
  }
  const rows = readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const clean = new Set(readFileSync(join(corpus, 'clean-files.txt'), 'utf8').trim().split('\n'));
  const ws = new Workspace();
  const uriOf = (p: string) => pathToFileURL(join(corpus, p)).toString();
  for (const [p] of rows) ws.set(uriOf(p), readFileSync(join(corpus, p), 'utf8'));
  const ctx = { workspace: ws, settings: DEFAULT_SETTINGS };

  const unexpected: string[] = [];
  const knownBadSeen = new Map<string, Set<string>>();
  let cleanDocs = 0;
  let cleanTemplateDocs = 0;
  let cleanBrokenDocs = 0;
  let indexCleanDocs = 0;
  let crdBacked = 0;
  let httpRoutes = 0;
  const missed: string[] = [];
  for (const [p, , docCount, flags, kinds] of rows) {
    const file = ws.get(uriOf(p))!;
    const isClean = clean.has(p);
    if (isClean) indexCleanDocs += Number(docCount);
    // Offending documents of flagged files, from the INDEX kinds column: built-in group, GVK not served.
    const expectedUnserved: string[] = [];
    if (flags.includes('not-in-k8s-1.36')) {
      for (const entry of kinds.split('; ')) {
        const [apiVersion, kind] = entry.split(' ');
        const slash = apiVersion.indexOf('/');
        const group = slash < 0 ? '' : apiVersion.slice(0, slash);
        const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
        if ((isBuiltinGroup(group) || group === 'extensions') && !getKindInfo(group, version, kind)) expectedUnserved.push(entry);
      }
    }
    const reportedUnserved: string[] = [];
    for (const doc of file.docs) {
      const diags = file.isTemplate ? [] : docValidation(ctx, file, doc);
      const errors = diags.filter((d) => d.severity === 'error');
      for (const r of doc.resources) {
        const info = getKindInfo(r.group, r.version, r.kind, ctx);
        if (info?.source.type === 'crd') {
          crdBacked++;
          if (r.apiVersion === 'gateway.networking.k8s.io/v1' && r.kind === 'HTTPRoute') httpRoutes++;
        }
      }
      if (errors.some((d) => d.code === 'unknown-kind' || d.code === 'removed-api') && doc.resources[0]) {
        reportedUnserved.push(`${doc.resources[0].apiVersion} ${doc.resources[0].kind}`);
      }
      if (!isClean) continue;
      if (file.isTemplate) cleanTemplateDocs++;
      else if (doc.isKubernetes) cleanDocs++;
      else if (doc.problems.some((x) => x.code === 'yaml-syntax')) cleanBrokenDocs++;
      if (errors.length === 0) continue;
      const known = KNOWN_BAD[p];
      for (const d of errors) {
        if (known?.codes.includes(d.code)) {
          if (!knownBadSeen.has(p)) knownBadSeen.set(p, new Set());
          knownBadSeen.get(p)!.add(d.code);
        } else {
          const line = file.lines.positionAt(doc.start + d.start).line + 1;
          unexpected.push(`${p}:${line} [${d.code}] ${d.message}`);
        }
      }
    }
    if (expectedUnserved.length > 0) {
      if (JSON.stringify(expectedUnserved.sort()) !== JSON.stringify(reportedUnserved.sort())) {
        missed.push(`${p}: expected ${expectedUnserved.join(', ')}; reported ${reportedUnserved.join(', ')}`);
      }
    }
  }
  assert.deepEqual(unexpected, [], 'error-level diagnostics on clean corpus files');
  for (const [p, { codes }] of Object.entries(KNOWN_BAD)) {
    assert.deepEqual([...(knownBadSeen.get(p) ?? [])].sort(), [...codes].sort(), `allow-listed ${p} no longer has exactly its known errors`);
  }
  assert.deepEqual(missed, [], 'documents using APIs Kubernetes 1.36 does not serve');
  const unservedTotal = rows.filter((r) => r[3].includes('not-in-k8s-1.36')).length;
  assert.equal(unservedTotal, 43);
  // Every clean document is validated, except where the model layer classifies the
  // file as a template or its document splitting yields a YAML error (reported by the
  // syntax layer, not here).
  t.diagnostic(`clean documents: ${indexCleanDocs} in INDEX, ${cleanDocs} validated, ${cleanTemplateDocs} in files treated as templates, ${cleanBrokenDocs} with YAML errors`);
  assert.equal(cleanDocs + cleanTemplateDocs + cleanBrokenDocs, indexCleanDocs);
  assert.ok(cleanDocs > 0.99 * indexCleanDocs, `validated ${cleanDocs} of ${indexCleanDocs} clean documents`);
  assert.equal(crdBacked, 709, 'custom resources whose CRD is in the corpus get its schema');
  assert.equal(httpRoutes, 196);
});
