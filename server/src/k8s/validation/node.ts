// API-server validation of the node API group (upstream pkg/apis/node/validation).
// Owned by the validation-core work; filled in per kind.

import type { ValidatorTable } from './types';

export const nodeValidators: ValidatorTable = {};
