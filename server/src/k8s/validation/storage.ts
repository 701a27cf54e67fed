// API-server validation of the storage API group (upstream pkg/apis/storage/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const storageValidators: ValidatorTable = {};
