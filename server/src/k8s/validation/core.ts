// API-server validation of the core API group (upstream pkg/apis/core/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const coreValidators: ValidatorTable = {};
