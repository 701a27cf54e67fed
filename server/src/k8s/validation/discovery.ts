// API-server validation of the discovery API group (upstream pkg/apis/discovery/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const discoveryValidators: ValidatorTable = {};
