// API-server validation of the rbac API group (upstream pkg/apis/rbac/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const rbacValidators: ValidatorTable = {};
