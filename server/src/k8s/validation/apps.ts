// API-server validation of the apps API group (upstream pkg/apis/apps/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const appsValidators: ValidatorTable = {};
