/**
 * @module operations/iam-identity-policy-ops
 * The inline-policy and attachment operations of users, groups and roles, declared once for the three kinds:
 * Put/Get/Delete/List{Kind}Policy(ies), Attach/Detach/ListAttached{Kind}Policies. The IAM action is the
 * operation's name; the resource is the owner's ARN; attach and detach carry `iam:PolicyARN`.
 */

import type { PrincipalKind } from '../core/entities.js';
import { accountOf } from './account-of.js';
import { type AnyOperation, defineOperation } from './define-operation.js';
import { done, onPrincipal } from './iam-targets.js';

/** The fields every operation of the family may carry; `UserName`/`GroupName`/`RoleName` name the owner. */
type Input = Readonly<Record<string, string | number | undefined>>;

const kinds: readonly { kind: PrincipalKind; title: 'User' | 'Group' | 'Role' }[] = [
  { kind: 'user', title: 'User' },
  { kind: 'group', title: 'Group' },
  { kind: 'role', title: 'Role' },
];

const text = (input: Input, field: string): string => String(input[field] ?? '');
const optionalText = (input: Input, field: string): string | undefined =>
  input[field] === undefined ? undefined : String(input[field]);
const listOptions = (input: Input) => ({
  Marker: optionalText(input, 'Marker'),
  MaxItems: typeof input['MaxItems'] === 'number' ? input['MaxItems'] : undefined,
  PathPrefix: optionalText(input, 'PathPrefix'),
});

function operationsFor(kind: PrincipalKind, title: 'User' | 'Group' | 'Role'): AnyOperation[] {
  const nameField = `${title}Name`;
  const nameOf = (input: Input) => text(input, nameField);
  const on = (op: string, withPolicyArn = false) =>
    onPrincipal<Input>(kind, `iam:${op}`, nameOf, (input) =>
      withPolicyArn ? { 'iam:PolicyARN': text(input, 'PolicyArn') } : {},
    );
  return [
    defineOperation<Input, undefined>('iam', `Put${title}Policy`, {
      authorize: on(`Put${title}Policy`),
      handle: done((input, { caller, services }) =>
        services.iam.identityPolicies.putInline(
          accountOf(caller),
          kind,
          nameOf(input),
          text(input, 'PolicyName'),
          text(input, 'PolicyDocument'),
        ),
      ),
    }),
    defineOperation<Input, Record<string, string>>('iam', `Get${title}Policy`, {
      authorize: on(`Get${title}Policy`),
      handle: async (input, { caller, services }) => {
        const got = await services.iam.identityPolicies.getInline(
          accountOf(caller),
          kind,
          nameOf(input),
          text(input, 'PolicyName'),
        );
        return { [nameField]: got.ownerName, PolicyName: got.PolicyName, PolicyDocument: got.PolicyDocument };
      },
    }),
    defineOperation<Input, undefined>('iam', `Delete${title}Policy`, {
      authorize: on(`Delete${title}Policy`),
      handle: done((input, { caller, services }) =>
        services.iam.identityPolicies.deleteInline(accountOf(caller), kind, nameOf(input), text(input, 'PolicyName')),
      ),
    }),
    defineOperation<Input, unknown>('iam', `List${title}Policies`, {
      authorize: on(`List${title}Policies`),
      handle: (input, { caller, services }) =>
        services.iam.identityPolicies.listInline(accountOf(caller), kind, nameOf(input), listOptions(input)),
    }),
    defineOperation<Input, undefined>('iam', `Attach${title}Policy`, {
      authorize: on(`Attach${title}Policy`, true),
      handle: done((input, { caller, services }) =>
        services.iam.identityPolicies.attach(accountOf(caller), kind, nameOf(input), text(input, 'PolicyArn')),
      ),
    }),
    defineOperation<Input, undefined>('iam', `Detach${title}Policy`, {
      authorize: on(`Detach${title}Policy`, true),
      handle: done((input, { caller, services }) =>
        services.iam.identityPolicies.detach(accountOf(caller), kind, nameOf(input), text(input, 'PolicyArn')),
      ),
    }),
    defineOperation<Input, unknown>('iam', `ListAttached${title}Policies`, {
      authorize: on(`ListAttached${title}Policies`),
      handle: (input, { caller, services }) =>
        services.iam.identityPolicies.listAttached(accountOf(caller), kind, nameOf(input), listOptions(input)),
    }),
  ];
}

/** The 21 operations of the family. */
export const identityPolicyOperations: AnyOperation[] = kinds.flatMap(({ kind, title }) => operationsFor(kind, title));
