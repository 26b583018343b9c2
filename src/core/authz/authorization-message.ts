/**
 * @module core/authz/authorization-message
 * Encoded authorization failure messages, as AWS appends to some AccessDenied errors ("Encoded authorization
 * failure message: …") and as [DecodeAuthorizationMessage](https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html)
 * turns back into a JSON document: allowed, explicitDeny, matchedStatements, failures and the request context.
 * The message is sealed with a session-token keyring key (AES-256-GCM, one cipher per message: denials are rare), so only this installation can read it and
 * a caller cannot forge one.
 */

import type { AuthzRequest, Decision } from '../../policy/index.js';
import { AwsError } from '../errors.js';
import type { Keyring } from '../keyring/keyring.js';

const VERSION = 1;
const AAD = 'iamd-authorization-message-v1';

/** The decoded document, in the shape AWS returns it (STS examples and real DecodeAuthorizationMessage output). */
interface DecodedMessage {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly matchedStatements: { readonly items: readonly object[] };
  readonly failures: { readonly items: readonly object[] };
  readonly context: {
    readonly principal: {
      readonly id?: string | undefined;
      readonly name?: string | undefined;
      readonly arn?: string | undefined;
    };
    readonly action: string;
    readonly resource: string;
    readonly conditions: { readonly items: readonly { key: string; values: { items: { value: string }[] } }[] };
  };
  /** Owner of the message: only callers of this account may decode it. */
  readonly account?: string | undefined;
}

/** Seals and opens authorization messages. */
export class AuthorizationMessages {
  readonly #keyring: Keyring;

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  /**
   * Encodes what decided a denial.
   *
   * @example
   * const encoded = messages.encode(request, decision, { id: 'AIDA…', name: 'bob' });
   */
  encode(
    request: AuthzRequest,
    decision: Decision,
    principal: { id?: string | undefined; name?: string | undefined },
  ): string {
    const document: DecodedMessage = {
      allowed: decision.outcome === 'Allow',
      explicitDeny: decision.outcome === 'ExplicitDeny',
      matchedStatements: {
        items: decision.matched.map((m) => ({
          statementId: m.sid ?? '',
          effect: m.effect === 'Allow' ? 'ALLOW' : 'DENY',
          source: m.source,
          layer: m.layer,
          index: m.index,
        })),
      },
      failures: { items: [] },
      context: {
        principal: { id: principal.id, name: principal.name, arn: request.principal.arn },
        action: request.action,
        resource: request.resource,
        conditions: {
          items: [...request.context].map(([key, value]) => ({
            key,
            values: { items: (typeof value === 'string' ? [value] : [...value]).map((v) => ({ value: v })) },
          })),
        },
      },
      account: request.principal.accountId,
    };
    const { keyId, sealer } = this.#keyring.active;
    const sealed = sealer.seal(Buffer.from(JSON.stringify(document), 'utf8'), AAD);
    return Buffer.concat([Buffer.from([VERSION]), Buffer.from(keyId, 'hex'), sealed]).toString('base64url');
  }

  /**
   * Decodes a message for a caller of `accountId`; anything else is InvalidAuthorizationMessageException.
   *
   * @example
   * JSON.parse(messages.decode(encoded, '000000000000')).context.action;
   */
  decode(encoded: string, accountId: string): string {
    const invalid = () => new AwsError('InvalidAuthorizationMessageException');
    const raw = Buffer.from(encoded, 'base64url');
    if (raw.length < 6 || raw[0] !== VERSION) throw invalid();
    const plain = this.#keyring.find(raw.subarray(1, 5).toString('hex'))?.sealer.open(raw.subarray(5), AAD);
    if (!plain) throw invalid();
    const { account, ...document } = JSON.parse(plain.toString('utf8')) as DecodedMessage;
    if (account !== accountId) throw invalid();
    return JSON.stringify(document);
  }
}
