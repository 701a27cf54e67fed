// Files in ../shared/corpus/clean-files.txt that really are wrong: each with the
// error codes it must keep producing and why. Shared by the corpus tests.

export const KNOWN_BAD: Record<string, { codes: string[]; reason: string }> = {
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
  // Conformance-test template: the placeholder is substituted before applying; as written it fails the CRD's pattern.
  'kubernetes-sigs__gateway-api/conformance/tests/gatewayclass-observed-generation-bump.yaml': { codes: ['invalid-value'], reason: 'controllerName: "{GATEWAY_CONTROLLER_NAME}" placeholder does not match the CRD pattern' },
};
