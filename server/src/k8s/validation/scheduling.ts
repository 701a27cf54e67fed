// API-server validation of the scheduling API group (upstream pkg/apis/scheduling/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const schedulingValidators: ValidatorTable = {};
