/**
 * @module core/iam/export-details
 * The whole authorization details of an account as one document, the way `aws iam get-account-authorization-details`
 * prints it (all pages merged, policy documents as JSON values rather than URL-encoded text), which
 * ./import-details.ts reads back.
 */

import type { AuthorizationDetails } from './authorization-details.js';

const DOCUMENT_FIELDS = new Set(['PolicyDocument', 'Document', 'AssumeRolePolicyDocument']);

/** Decodes every URL-encoded policy document in `value` into its JSON value. */
function decodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeDocuments);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] =
      DOCUMENT_FIELDS.has(key) && typeof field === 'string'
        ? JSON.parse(decodeURIComponent(field))
        : decodeDocuments(field);
  }
  return out;
}

/**
 * Exports `accountId`'s users, groups, roles and policies.
 *
 * @example
 * const document = await exportDetails(services.iam.authorizationDetails, '000000000000');
 */
export async function exportDetails(
  details: AuthorizationDetails,
  accountId: string,
): Promise<Record<string, unknown[]>> {
  const merged: Record<string, unknown[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  let marker: string | undefined;
  do {
    const page = await details.get(accountId, { MaxItems: 1000, Marker: marker });
    for (const key of Object.keys(merged)) {
      merged[key]?.push(...((decodeDocuments(page[key as keyof typeof page]) as unknown[] | undefined) ?? []));
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker !== undefined);
  return merged;
}
