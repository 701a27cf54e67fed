// API-server validation of the networking API group (upstream pkg/apis/networking/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const networkingValidators: ValidatorTable = {};
