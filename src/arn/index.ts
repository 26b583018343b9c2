/**
 * @module arn
 * ARN parsing and formatting (pure, no dependencies).
 */
export type { Arn } from './arn.js';
export { formatArn, parseArn } from './arn.js';
