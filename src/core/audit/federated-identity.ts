/**
 * @module core/audit/federated-identity
 * The `userIdentity` CloudTrail gives the unsigned federation calls (CloudTrail User Guide, "CloudTrail userIdentity
 * element": `WebIdentityUser` and `SAMLUser`). The request itself is anonymous; who made it is what the verified token
 * established, which the successful response carries. A refused call stays anonymous: nothing was established.
 */

import { providerUrlOf } from '../federation/index.js';
import type { UserIdentity } from './audit-event.js';

type Fields = Readonly<Record<string, unknown>>;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The federated identity of a successful AssumeRoleWithWebIdentity or AssumeRoleWithSAML, if `operation` is one.
 *
 * @example
 * federatedIdentityOf('AssumeRoleWithSAML', input, output)?.type; // 'SAMLUser'
 */
export function federatedIdentityOf(operation: string, input: unknown, output: unknown): UserIdentity | undefined {
  if (output === null || typeof output !== 'object' || input === null || typeof input !== 'object') return undefined;
  const out = output as Fields;
  if (operation === 'AssumeRoleWithWebIdentity') {
    const issuer = text(out['Provider']);
    const subject = text(out['SubjectFromWebIdentityToken']);
    const account = /^arn:aws:iam::(\d{12}):/.exec(text((input as Fields)['RoleArn']) ?? '')?.[1];
    if (issuer === undefined || subject === undefined || account === undefined) return undefined;
    // An IAM OIDC provider is named by its ARN, as in CloudTrail's records of EKS service-account sessions.
    const provider = `arn:aws:iam::${account}:oidc-provider/${providerUrlOf(issuer)}`;
    return {
      type: 'WebIdentityUser',
      principalId: `${provider}:${text(out['Audience']) ?? ''}:${subject}`,
      userName: subject,
      identityProvider: provider,
    };
  }
  if (operation === 'AssumeRoleWithSAML') {
    const qualifier = text(out['NameQualifier']);
    const subject = text(out['Subject']);
    if (qualifier === undefined || subject === undefined) return undefined;
    return { type: 'SAMLUser', principalId: `${qualifier}:${subject}`, userName: subject, identityProvider: qualifier };
  }
  return undefined;
}
