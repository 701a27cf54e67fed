// Files in ../shared/corpus/clean-files.txt that really are wrong: each with the
// error codes it must keep producing and why. Shared by the corpus tests.

export const KNOWN_BAD: Record<string, { codes: string[]; reason: string }> = {
  // pathType is case-sensitive: the API server rejects "exact" (Exact).
  'ContainerSolutions__kubernetes-examples/Ingress/fanout.yaml': { codes: ['api-invalid'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/nohost.yaml': { codes: ['api-invalid'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/tls.yaml': { codes: ['api-invalid'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/Ingress/virtualhosting.yaml': { codes: ['api-invalid'], reason: 'pathType: exact' },
  'ContainerSolutions__kubernetes-examples/cloud-providers/gcp/https-ready-alb/https-ready-alb.yaml': { codes: ['unknown-field'], reason: 'networking.k8s.io/v1 IngressSpec has defaultBackend, not backend (v1beta1 field)' },
  // Unsubstituted placeholders (PV_NAME, FILESTORE_CAPACITY, PORT, ${VAR:-x}, "CRT", "...base64 encoded data...").
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-slurm/autopilot/pv-pvc.yaml': { codes: ['api-invalid', 'invalid-quantity'], reason: 'placeholders PV_NAME / FILESTORE_CAPACITY' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/gke-slurm/metrics-autoscaling/pv-pvc.yaml': { codes: ['api-invalid'], reason: 'placeholders PV_NAME / PVC_NAME' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/vlllm gpu_deployment-variables.yaml': { codes: ['api-invalid'], reason: '${VAR:-default} placeholders in names and namespaces' },
  'GoogleCloudPlatform__kubernetes-engine-samples/networking/sctp/sctp-deployment.yaml': { codes: ['wrong-type'], reason: 'placeholder PORT in integer port fields' },
  'GoogleCloudPlatform__kubernetes-engine-samples/databases/redis-enterprise-operator/manifests/01-basic-cluster/webhook.yaml': { codes: ['invalid-value'], reason: 'caBundle: "CRT" placeholder is not base64' },
  'kubernetes__ingress-nginx/docs/examples/customization/ssl-dh-param/ssl-dh-param.yaml': { codes: ['invalid-value'], reason: 'Secret data "...base64 encoded data..." placeholder is not base64' },
  // Custom resources that do not match the CRD shipped next to them (an older InferenceModel CRD).
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/inference-model.yaml': { codes: ['missing-required', 'unknown-field'], reason: 'InferenceModel fields not in the v1alpha2 CRD of manifests.yaml' },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/infw-gw/examples/getting-started/inference-model-variables.yaml': { codes: ['api-invalid', 'missing-required', 'unknown-field'], reason: 'same as inference-model.yaml, plus ${VAR} placeholders' },
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
  'kubernetes__ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml': { codes: ['api-invalid', 'wrong-type'], reason: 'env value: true (must be a string)' },
  // Duplicate mapping keys (the second `requests:` silently replaces the first in most parsers).
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/05-replicator/my-target-cluster.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/05-replicator/replicator.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  'GoogleCloudPlatform__kubernetes-engine-samples/streaming/kafka-confluent/manifests/06-confluent-platform/platform.yaml': { codes: ['duplicate-key'], reason: 'duplicate requests key' },
  // An apiextensions.k8s.io/v1 CRD written in the v1beta1 shape (spec.version instead of spec.versions).
  'kubernetes__dashboard/modules/web/cypress/fixtures/crd.yaml': { codes: ['unknown-field'], reason: 'v1 CRD with v1beta1 spec.version' },
  // Kyverno sample resources: "good/bad" refers to a Kyverno policy, but these are also invalid Kubernetes objects.
  'kyverno__policies/kubecost-cel/require-kubecost-labels/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: 'label value "John Doe" has a space' },
  'kyverno__policies/openshift-cel/disallow-deprecated-apis/.kyverno-test/resources.yaml': { codes: ['api-invalid', 'unknown-field'], reason: 'rbac Role/ClusterRole with spec: instead of rules:' },
  'kyverno__policies/other-cel/require-ingress-https/.chainsaw-test/ingress-bad.yaml': { codes: ['unknown-field'], reason: 'IngressRule has no https field' },
  'kyverno__policies/other/disallow-secrets-from-env-vars/.chainsaw-test/podcontrollers-bad.yaml': { codes: ['api-invalid'], reason: 'restartPolicy: OnFailures' },
  'kyverno__policies/pod-security-cel/baseline/disallow-host-ports/.chainsaw-test/pod-bad.yaml': { codes: ['api-invalid'], reason: 'container port without containerPort' },
  'kyverno__policies/pod-security-cel/restricted/require-run-as-nonroot/.chainsaw-test/pod-bad.yaml': { codes: ['unknown-field'], reason: 'allowPrivilegeEscalation in the pod-level securityContext' },
  'kyverno__policies/pod-security-cel/restricted/require-run-as-nonroot/.kyverno-test/resource.yaml': { codes: ['unknown-field'], reason: 'allowPrivilegeEscalation in the pod-level securityContext' },
  // Conformance-test template: the placeholder is substituted before applying; as written it fails the CRD's pattern.
  'kubernetes-sigs__gateway-api/conformance/tests/gatewayclass-observed-generation-bump.yaml': { codes: ['invalid-value'], reason: 'controllerName: "{GATEWAY_CONTROLLER_NAME}" placeholder does not match the CRD pattern' },
  // Found by the validation core (API-server rules beyond the schema): placeholders, exported objects
  // (resourceVersion set), mounts naming no volume, policy-test pods the API server refuses.
  'ContainerSolutions__kubernetes-examples/Ingress/ingress-class.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.parameters.apiGroup: Invalid value: \"k8s.example.com/v1alpha\": a lowercase RFC 1123 subdomain must con..." },
  'GoogleCloudPlatform__kubernetes-engine-samples/ai-ml/vllm-tpu/vllm-llama3-70b.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.serviceAccountName: Invalid value: \"KSA_NAME\": a lowercase RFC 1123 subdomain must consi..." },
  'GoogleCloudPlatform__kubernetes-engine-samples/cost-optimization/gke-shift-left-cost/api/testdata/hpa/hpa-v1.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'istio__istio/samples/mtls-echo/mtls-echo.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"ca-certs\"" },
  'kubernetes-sigs__kwok/kustomize/stage/volume/fast/testdata/pvc-provision.input.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'kubernetes__ingress-nginx/docs/examples/auth/oauth-external-auth/oauth2-proxy.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.rules[0].host: Invalid value: \"__INGRESS_HOST__\": a lowercase RFC 1123 subdomain must consist of lower..." },
  'kubernetes__ingress-nginx/docs/examples/docker-registry/ingress-with-tls.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.rules[0].host: Invalid value: \"registry.<your domain>\": a lowercase RFC 1123 subdomain must consist of..." },
  'kubernetes__ingress-nginx/docs/examples/docker-registry/ingress-without-tls.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.rules[0].host: Invalid value: \"registry.<your domain>\": a lowercase RFC 1123 subdomain must consist of..." },
  'kyverno__policies/other-cel/ensure-readonly-hostpath/.chainsaw-test/bad-pods-all.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ephemeralContainers: Forbidden: cannot be set on create" },
  'kyverno__policies/other-cel/ensure-readonly-hostpath/.chainsaw-test/good-pods-all.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ephemeralContainers: Forbidden: cannot be set on create" },
  'kyverno__policies/other-cel/require-emptydir-requests-limits/.kyverno-test/resource-pass.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.containers[0].volumeMounts[1].name: Not found: \"vo2\"" },
  'kyverno__policies/other-cel/restrict-sa-automount-sa-token/.chainsaw-test/bad-sa.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'kyverno__policies/other-mpol/disable-service-discovery/.chainsaw-test/podcontrollers.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None" },
  'kyverno__policies/other-mpol/disable-service-discovery/.chainsaw-test/pods.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None" },
  'kyverno__policies/other/ensure-readonly-hostpath/.chainsaw-test/bad-pods-all.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ephemeralContainers: Forbidden: cannot be set on create" },
  'kyverno__policies/other/ensure-readonly-hostpath/.chainsaw-test/good-pods-all.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ephemeralContainers: Forbidden: cannot be set on create" },
  'kyverno__policies/other/pdb-minavailable/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"ngin\"}: `selector` does not match te..." },
  'kyverno__policies/other/require-emptydir-requests-limits/.kyverno-test/resource-skip.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.containers[0].volumeMounts[1].name: Not found: \"vo2\"" },
  'kyverno__policies/other/require-image-checksum/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"" },
  'kyverno__policies/other/restrict-sa-automount-sa-token/.chainsaw-test/bad-sa.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'kyverno__policies/pod-security/subrule/restricted/restricted-exclude-capabilities/.chainsaw-test/pod-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalation\":false,\"run..." },
  'kyverno__policies/pod-security/subrule/restricted/restricted-exclude-capabilities/.chainsaw-test/podcontroller-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalati..." },
  'kyverno__policies/pod-security/subrule/restricted/restricted-exclude-seccomp/.chainsaw-test/pod-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalation\":false,\"run..." },
  'kyverno__policies/pod-security/subrule/restricted/restricted-exclude-seccomp/.chainsaw-test/podcontroller-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalati..." },
  'kyverno__policies/pod-security/subrule/restricted/restricted-latest/.chainsaw-test/pod-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalation\":false,\"run..." },
  'kyverno__policies/pod-security/subrule/restricted/restricted-latest/.chainsaw-test/podcontroller-bad.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[0].securityContext: Invalid value: {\"privileged\":true,\"allowPrivilegeEscalati..." },
  'linkerd__linkerd2/cli/cmd/testdata/inject_contour.golden.yml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"contour-config\"" },
  'linkerd__linkerd2/cli/cmd/testdata/inject_contour.input.yml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[1].volumeMounts[0].name: Not found: \"contour-config\"" },
  'linkerd__linkerd2/cli/cmd/testdata/inject_emojivoto_already_injected.input.yml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.template.spec.containers[1].image: Required value" },
  'linkerd__linkerd2/cli/cmd/testdata/inject_gettest_deployment.good.golden.yml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.selector: Required value" },
  'linkerd__linkerd2/cli/cmd/testdata/inject_tap_deployment.input.yml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'linkerd__linkerd2/cli/cmd/testdata/inject_tap_deployment_debug.golden.yml': { codes: ['api-invalid'], reason: "the API server refuses it: metadata.resourceVersion: Internal error: resourceVersion should not be set on objects to be created" },
  'kyverno__policies/best-practices-cel/restrict-node-port/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
  'kyverno__policies/best-practices-vpol/restrict-node-port/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
  'kyverno__policies/other-cel/pdb-maxunavailable/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0" },
  'kyverno__policies/other/pdb-maxunavailable/.kyverno-test/resource.yaml': { codes: ['api-invalid'], reason: "the API server refuses it: spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0" },
};
