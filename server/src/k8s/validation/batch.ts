// API-server validation of the batch API group (upstream pkg/apis/batch/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const batchValidators: ValidatorTable = {};
