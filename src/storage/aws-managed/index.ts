/**
 * @module storage/aws-managed
 * The AWS managed policies catalog.
 */

export { createAwsManagedPolicyCatalog } from './aws-managed-catalog.js';
