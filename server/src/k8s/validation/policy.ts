// API-server validation of the policy API group (upstream pkg/apis/policy/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const policyValidators: ValidatorTable = {};
