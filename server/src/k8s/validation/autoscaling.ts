// API-server validation of the autoscaling API group (upstream pkg/apis/autoscaling/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const autoscalingValidators: ValidatorTable = {};
