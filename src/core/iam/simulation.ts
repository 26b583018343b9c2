/**
 * @module core/iam/simulation
 * The IAM policy simulator: [SimulateCustomPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html)
 * and [SimulatePrincipalPolicy](https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html),
 * backed by the same engine that decides every real request. Results come per action and resource, with the
 * statements that decided (and where they stand in their documents), the context keys that were missing, and
 * whether a permissions boundary allowed.
 */

import { parseArn } from '../../arn/index.js';
import {
  type CompiledPolicy,
  compilePolicy,
  type Decision,
  evaluate,
  type PolicyKind,
  type PolicyLayer,
  type PrincipalInfo,
  parsePolicy,
} from '../../policy/index.js';
import type { Iam } from '../../shapes/index.js';
import { AwsError } from '../errors.js';
import type { IamStore } from '../ports.js';
import { simulationContext } from './simulation-context.js';
import { statementSpans } from './statement-positions.js';

/** A policy taking part in a simulation, and how results name it. */
interface SimulatedPolicy {
  readonly id: string;
  readonly type: Iam.PolicySourceType;
  readonly document: string;
}

/** Everything one simulation evaluates. */
interface Simulation {
  readonly identity: readonly SimulatedPolicy[];
  readonly boundary?: SimulatedPolicy | undefined;
  readonly resourcePolicy?: string | undefined;
  readonly principal: PrincipalInfo;
  readonly resourceOwner: string;
}

/** How the simulation APIs name a managed policy's source. */
const managedType = (policyArn: string): Iam.PolicySourceType =>
  policyArn.startsWith('arn:aws:iam::aws:policy/') ? 'aws-managed' : 'user-managed';

const decisionNames = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;

function compileOrThrow(policy: SimulatedPolicy, kind: PolicyKind, layer: PolicyLayer): CompiledPolicy {
  const parsed = parsePolicy(policy.document, kind, { ignoreSizeLimits: true });
  if (!parsed.ok) throw new AwsError(parsed.code ?? 'MalformedPolicyDocument', `${policy.id}: ${parsed.error}`);
  return compilePolicy(parsed.policy, policy.id, layer);
}

/** The account an ARN or a bare account id names. */
function accountOf(value: string): string {
  if (/^\d{12}$/.test(value)) return value;
  const arn = parseArn(value);
  if (!arn || !/^\d{12}$/.test(arn.account)) throw new AwsError('InvalidInput', `Invalid ARN or account: ${value}`);
  return arn.account;
}

/** The simulated caller named by `CallerArn` (an IAM user or role, as AWS accepts). */
function callerPrincipal(callerArn: string): PrincipalInfo {
  const arn = parseArn(callerArn);
  if (arn?.service !== 'iam') throw new AwsError('InvalidInput', `Invalid CallerArn: ${callerArn}`);
  if (arn.resource.startsWith('user/')) return { type: 'User', accountId: arn.account, arn: callerArn };
  if (arn.resource.startsWith('role/')) {
    const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
    return {
      type: 'AssumedRole',
      accountId: arn.account,
      arn: `arn:aws:sts::${arn.account}:assumed-role/${name}/SimulatedSession`,
      roleArn: callerArn,
    };
  }
  throw new AwsError('InvalidInput', `CallerArn must be the ARN of an IAM user or role: ${callerArn}`);
}

/** The policy simulator. */
export class PolicySimulator {
  readonly #store: IamStore;

  constructor(store: IamStore) {
    this.#store = store;
  }

  /** SimulateCustomPolicy: the given identity policies, boundary and resource policy, for the given caller. */
  simulateCustom(accountId: string, input: Iam.SimulateCustomPolicyRequest): Iam.SimulatePolicyResponse {
    const caller = input.CallerArn;
    if (input.ResourcePolicy !== undefined && caller === undefined) {
      throw new AwsError('InvalidInput', 'CallerArn must be specified when a ResourcePolicy is specified.');
    }
    const principal: PrincipalInfo = caller ? callerPrincipal(caller) : { type: 'User', accountId };
    return this.#run(
      {
        identity: input.PolicyInputList.map((document, i) => ({
          id: `PolicyInputList.${i + 1}`,
          type: 'none',
          document,
        })),
        boundary: this.#boundary(input.PermissionsBoundaryPolicyInputList),
        resourcePolicy: input.ResourcePolicy,
        principal,
        resourceOwner: input.ResourceOwner ? accountOf(input.ResourceOwner) : (principal.accountId ?? accountId),
      },
      input,
    );
  }

  /**
   * SimulatePrincipalPolicy: the stored policies of a user or role (minus `PolicyExclusionList`, plus
   * `PolicyInputList`), with its stored boundary unless one is given.
   */
  async simulatePrincipal(
    accountId: string,
    input: Iam.SimulatePrincipalPolicyRequest,
  ): Promise<Iam.SimulatePolicyResponse> {
    const arn = parseArn(input.PolicySourceArn);
    const kind = arn?.resource.split('/')[0];
    if (arn?.service !== 'iam' || arn.account !== accountId || (kind !== 'user' && kind !== 'role')) {
      throw new AwsError(
        'InvalidInput',
        `Invalid PolicySourceArn: ${input.PolicySourceArn}. iamd simulates users and roles of your account.`,
      );
    }
    const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
    const entity =
      kind === 'user' ? await this.#store.getUser(accountId, name) : await this.#store.getRole(accountId, name);
    if (!entity || entity.arn !== input.PolicySourceArn) {
      throw new AwsError('NoSuchEntity', `The ${kind} with name ${name} cannot be found.`);
    }
    const owner = { accountId, kind, name: 'roleName' in entity ? entity.roleName : entity.userName } as const;
    const exclusions = input.PolicyExclusionList ?? [];
    const excluded = new Set(exclusions.flatMap((e) => (e.PolicyArn ? [e.PolicyArn] : [])));
    const excludedInline = new Set(
      exclusions.flatMap((e) => (e.InlinePolicyIdentifier ? [e.InlinePolicyIdentifier.PolicyName.toLowerCase()] : [])),
    );
    const identity: SimulatedPolicy[] = [];
    for (const policyArn of await this.#store.listAttachedPolicies(owner)) {
      if (excluded.has(policyArn)) continue;
      const managed = await this.#managedDocument(policyArn);
      if (managed) identity.push({ id: managed.name, type: managedType(policyArn), document: managed.document });
    }
    for (const inline of await this.#store.listInlinePolicies(owner)) {
      if (excludedInline.has(inline.policyName.toLowerCase())) continue;
      identity.push({ id: inline.policyName, type: kind, document: inline.document });
    }
    // A user's groups contribute their managed and inline policies, reported as `group` sources.
    const groups = kind === 'user' ? await this.#store.listGroupsForUser(accountId, owner.name) : [];
    for (const group of groups) {
      const groupOwner = { accountId, kind: 'group', name: group.groupName } as const;
      for (const policyArn of await this.#store.listAttachedPolicies(groupOwner)) {
        if (excluded.has(policyArn)) continue;
        const managed = await this.#managedDocument(policyArn);
        if (managed) identity.push({ id: managed.name, type: managedType(policyArn), document: managed.document });
      }
      for (const inline of await this.#store.listInlinePolicies(groupOwner)) {
        if (excludedInline.has(inline.policyName.toLowerCase())) continue;
        identity.push({ id: inline.policyName, type: 'group', document: inline.document });
      }
    }
    for (const [i, document] of (input.PolicyInputList ?? []).entries()) {
      identity.push({ id: `PolicyInputList.${i + 1}`, type: 'none', document });
    }
    let boundary = this.#boundary(input.PermissionsBoundaryPolicyInputList);
    if (!boundary && entity.permissionsBoundaryArn) {
      const managed = await this.#managedDocument(entity.permissionsBoundaryArn);
      if (managed)
        boundary = { id: managed.name, type: managedType(entity.permissionsBoundaryArn), document: managed.document };
    }
    const principal = input.CallerArn ? callerPrincipal(input.CallerArn) : callerPrincipal(entity.arn);
    return this.#run(
      {
        identity,
        boundary,
        resourcePolicy: input.ResourcePolicy,
        principal,
        resourceOwner: input.ResourceOwner ? accountOf(input.ResourceOwner) : accountId,
      },
      input,
    );
  }

  #boundary(list: readonly string[] | undefined): SimulatedPolicy | undefined {
    if (!list || list.length === 0) return undefined;
    if (list.length > 1)
      throw new AwsError('InvalidInput', 'Only one permissions boundary policy can be simulated at a time.');
    return { id: 'PermissionsBoundaryPolicyInputList.1', type: 'none', document: list[0]! };
  }

  async #managedDocument(policyArn: string): Promise<{ name: string; document: string } | undefined> {
    const policy = await this.#store.getPolicy(policyArn);
    const version = policy && (await this.#store.getPolicyVersion(policyArn, policy.defaultVersionId));
    return policy && version ? { name: policy.policyName, document: version.document } : undefined;
  }

  #run(
    simulation: Simulation,
    input: {
      ActionNames: readonly string[];
      ResourceArns?: readonly string[] | undefined;
      ContextEntries?: readonly Iam.ContextEntry[] | undefined;
      MaxItems?: number | undefined;
      Marker?: string | undefined;
    },
  ): Iam.SimulatePolicyResponse {
    const bySource = new Map<string, SimulatedPolicy>();
    const identity = simulation.identity.map((policy) => {
      bySource.set(policy.id, policy);
      return compileOrThrow(policy, 'identity', 'identity');
    });
    const boundary = simulation.boundary && compileOrThrow(simulation.boundary, 'identity', 'boundary');
    if (simulation.boundary) bySource.set(simulation.boundary.id, simulation.boundary);
    const resourcePolicy: SimulatedPolicy | undefined = simulation.resourcePolicy
      ? { id: 'ResourcePolicy', type: 'resource', document: simulation.resourcePolicy }
      : undefined;
    if (resourcePolicy) bySource.set(resourcePolicy.id, resourcePolicy);
    const resource = resourcePolicy && compileOrThrow(resourcePolicy, 'resource', 'resource');
    const context = simulationContext(input.ContextEntries);
    const results: Iam.EvaluationResult[] = [];
    for (const action of input.ActionNames) {
      for (const resourceArn of input.ResourceArns?.length ? input.ResourceArns : ['*']) {
        const decision = evaluate(
          {
            principal: { ...simulation.principal, hasPermissionsBoundary: boundary !== undefined },
            action,
            resource: resourceArn,
            resourceAccount: simulation.resourceOwner,
            context,
          },
          { identity, boundary, resource },
        );
        const boundaryAllows = boundary
          ? evaluate(
              { principal: simulation.principal, action, resource: resourceArn, context },
              { identity: [boundary] },
            ).outcome === 'Allow'
          : undefined;
        results.push(this.#result(action, resourceArn, decision, bySource, boundaryAllows));
      }
    }
    return this.#page(results, input.Marker, input.MaxItems);
  }

  #result(
    action: string,
    resource: string,
    decision: Decision,
    bySource: ReadonlyMap<string, SimulatedPolicy>,
    boundaryAllows: boolean | undefined,
  ): Iam.EvaluationResult {
    const deciding = decision.outcome === 'Allow' ? 'Allow' : decision.outcome === 'ExplicitDeny' ? 'Deny' : undefined;
    const matched: Iam.Statement[] = decision.matched
      .filter((m) => m.effect === deciding)
      .map((m) => {
        const policy = bySource.get(m.source);
        const span = policy ? statementSpans(policy.document)[m.index] : undefined;
        return {
          SourcePolicyId: policy?.id ?? m.source,
          SourcePolicyType: policy?.type ?? 'none',
          StartPosition: span?.start,
          EndPosition: span?.end,
        };
      });
    const EvalDecision = decisionNames[decision.outcome];
    const missing = [...decision.missingKeys];
    return {
      EvalActionName: action,
      EvalResourceName: resource,
      EvalDecision,
      MatchedStatements: matched,
      MissingContextValues: missing,
      PermissionsBoundaryDecisionDetail:
        boundaryAllows === undefined ? undefined : { AllowedByPermissionsBoundary: boundaryAllows },
      ResourceSpecificResults: [
        {
          EvalResourceName: resource,
          EvalResourceDecision: EvalDecision,
          MatchedStatements: matched,
          MissingContextValues: missing,
        },
      ],
    };
  }

  #page(
    results: Iam.EvaluationResult[],
    marker: string | undefined,
    maxItems: number | undefined,
  ): Iam.SimulatePolicyResponse {
    const start = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(start) || start < 0 || start > results.length)
      throw new AwsError('InvalidInput', 'Invalid Marker.');
    const end = Math.min(results.length, start + (maxItems ?? 1000));
    const isTruncated = end < results.length;
    return {
      EvaluationResults: results.slice(start, end),
      IsTruncated: isTruncated,
      Marker: isTruncated ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
    };
  }
}
