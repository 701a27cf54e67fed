// Typed cluster-level and networking/storage kinds (core/v1, discovery/v1,
// storage/v1, scheduling/v1, node/v1), as far as the simulator reads them.

import type { Condition, ApiObject, LabelSelector, Quantity, Taint } from './meta';
import type { NodeSelector } from '../../k8s/nodeAffinity';
import type { ResourceMap, ResourceRequirements } from './pod';

export interface NodeAddress {
  type: string;
  address: string;
}

export interface Node extends ApiObject {
  kind: 'Node';
  spec: { unschedulable?: boolean; taints?: Taint[]; podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  status: {
    capacity?: ResourceMap;
    allocatable?: ResourceMap;
    images?: Array<{ names: string[]; sizeBytes: number }>;
    conditions?: Condition[];
    addresses?: NodeAddress[];
    nodeInfo?: Record<string, string>;
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalName?: string;
  sessionAffinity?: string;
  publishNotReadyAddresses?: boolean;
  allocateLoadBalancerNodePorts?: boolean;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
}

export interface Service extends ApiObject {
  kind: 'Service';
  spec: ServiceSpec;
  status?: { loadBalancer?: Record<string, unknown> };
}

export interface ObjectReference {
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface EndpointAddressJson {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: ObjectReference;
}

export interface EndpointSubset {
  addresses?: EndpointAddressJson[];
  notReadyAddresses?: EndpointAddressJson[];
  ports?: Array<{ name?: string; port: number; protocol?: string }>;
}

export interface Endpoints extends ApiObject {
  kind: 'Endpoints';
  subsets?: EndpointSubset[];
}

export interface EndpointSliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointSlice extends ApiObject {
  kind: 'EndpointSlice';
  addressType?: string;
  endpoints?: EndpointSliceEndpoint[];
  ports?: Array<{ name?: string; port: number; protocol?: string }>;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  resources?: ResourceRequirements;
  storageClassName?: string | null;
  volumeName?: string;
  volumeMode?: string;
  selector?: LabelSelector | null;
  dataSource?: unknown;
}

export interface PersistentVolumeClaim extends ApiObject {
  kind: 'PersistentVolumeClaim';
  spec: PersistentVolumeClaimSpec;
  status?: { phase?: 'Pending' | 'Bound' | 'Lost'; capacity?: ResourceMap; accessModes?: string[] };
}

export interface PersistentVolume extends ApiObject {
  kind: 'PersistentVolume';
  spec: {
    capacity?: ResourceMap;
    accessModes?: string[];
    storageClassName?: string;
    claimRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
    persistentVolumeReclaimPolicy?: string;
    volumeMode?: string;
    nodeAffinity?: { required?: NodeSelector };
    [source: string]: unknown;
  };
  status?: { phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed' };
}

export interface StorageClass extends ApiObject {
  kind: 'StorageClass';
  provisioner?: string;
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  reclaimPolicy?: string;
  allowedTopologies?: unknown[];
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

export interface Namespace extends ApiObject {
  kind: 'Namespace';
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export interface ResourceQuota extends ApiObject {
  kind: 'ResourceQuota';
  spec?: { hard?: Record<string, Quantity>; scopes?: string[]; scopeSelector?: { matchExpressions?: Array<{ scopeName: string; operator: string; values?: string[] }> } };
  status?: { hard?: Record<string, Quantity>; used?: Record<string, Quantity> };
}

export interface LimitRangeItem {
  type: string;
  max?: ResourceMap;
  min?: ResourceMap;
  default?: ResourceMap;
  defaultRequest?: ResourceMap;
  maxLimitRequestRatio?: ResourceMap;
}

export interface LimitRange extends ApiObject {
  kind: 'LimitRange';
  spec?: { limits?: LimitRangeItem[] };
}

export interface PriorityClass extends ApiObject {
  kind: 'PriorityClass';
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  description?: string;
}

export interface RuntimeClass extends ApiObject {
  kind: 'RuntimeClass';
  handler: string;
  overhead?: { podFixed?: ResourceMap };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: import('./meta').Toleration[] };
}

export interface ServiceAccount extends ApiObject {
  kind: 'ServiceAccount';
  automountServiceAccountToken?: boolean;
}
