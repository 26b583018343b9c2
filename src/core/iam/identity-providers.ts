/**
 * @module core/iam/identity-providers
 * OpenID Connect and SAML identity providers (IAM API reference: Create/Get/Delete/ListOpenIDConnectProvider(s),
 * Add/RemoveClientID…, UpdateOpenIDConnectProviderThumbprint, Create/Get/Update/Delete/ListSAMLProvider(s), and
 * their tags). These are the entities federation trusts; the AssumeRoleWithWebIdentity/SAML flows read them.
 */

import type { Iam } from '../../shapes/index.js';
import type { IdentityProviderRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { IamDeps } from './deps.js';
import { paginateByIndex } from './pagination.js';
import { assertValidTags, mergeTags, removeTags } from './tags.js';

/** IAM quotas: thumbprints and client ids per OIDC provider. */
const MAX_THUMBPRINTS = 5;
const MAX_CLIENT_IDS = 100;

const notFound = (arn: string) => new AwsError('NoSuchEntity', `Provider ${arn} does not exist.`);
const tagsOrUndefined = (p: IdentityProviderRecord) => (p.tags.length > 0 ? [...p.tags] : undefined);

/** The `validUntil` attribute of SAML metadata, if it has one. */
function validUntilOf(metadata: string): Date | undefined {
  // AWS parses the document and refuses one that is not SAML metadata (an EntityDescriptor); the federation
  // issue validates the signature-bearing parts when it reads them.
  if (!/<(?:[\w.-]+:)?EntityDescriptor[\s>]/.test(metadata)) {
    throw new AwsError('InvalidInput', 'Could not parse metadata');
  }
  const value = /validUntil\s*=\s*"([^"]+)"/.exec(metadata)?.[1];
  const date = value === undefined ? undefined : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Identity provider use cases. */
export class IdentityProviders {
  readonly #deps: IamDeps;

  constructor(deps: IamDeps) {
    this.#deps = deps;
  }

  async #require(
    accountId: string,
    arn: string,
    kind: IdentityProviderRecord['kind'],
  ): Promise<IdentityProviderRecord> {
    const provider = await this.#deps.store.getIdentityProvider(arn);
    if (!provider || provider.accountId !== accountId || provider.kind !== kind) throw notFound(arn);
    return provider;
  }

  async #save(provider: IdentityProviderRecord): Promise<void> {
    if (!(await this.#deps.store.updateIdentityProvider(provider))) throw notFound(provider.arn);
    this.#deps.tracker.bump();
  }

  async #create(provider: IdentityProviderRecord, duplicate: string): Promise<void> {
    assertValidTags(provider.tags);
    if (!(await this.#deps.store.createIdentityProvider(provider)))
      throw new AwsError('EntityAlreadyExists', duplicate);
    this.#deps.tracker.bump();
  }

  /** [CreateOpenIDConnectProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html) */
  async createOidc(
    accountId: string,
    input: Iam.CreateOpenIDConnectProviderRequest,
  ): Promise<Iam.CreateOpenIDConnectProviderResponse> {
    const match = /^https:\/\/([^?#]+?)\/?$/.exec(input.Url);
    if (!match?.[1]) throw new AwsError('InvalidInput', 'Invalid URL. The URL must begin with https://.');
    const thumbprints = input.ThumbprintList ?? [];
    if (thumbprints.length > MAX_THUMBPRINTS) {
      throw new AwsError(
        'LimitExceeded',
        `Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${MAX_THUMBPRINTS}`,
      );
    }
    const arn = `arn:aws:iam::${accountId}:oidc-provider/${match[1]}`;
    await this.#create(
      {
        accountId,
        arn,
        kind: 'oidc',
        createDate: this.#deps.clock.now(),
        tags: input.Tags ?? [],
        url: match[1],
        clientIds: [...new Set(input.ClientIDList ?? [])],
        thumbprints: [...thumbprints],
      },
      `Provider with url ${input.Url} already exists.`,
    );
    return { OpenIDConnectProviderArn: arn, Tags: input.Tags };
  }

  /** [GetOpenIDConnectProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html) */
  async getOidc(
    accountId: string,
    input: Iam.GetOpenIDConnectProviderRequest,
  ): Promise<Iam.GetOpenIDConnectProviderResponse> {
    const p = await this.#require(accountId, input.OpenIDConnectProviderArn, 'oidc');
    return {
      Url: p.url,
      ClientIDList: [...(p.clientIds ?? [])],
      ThumbprintList: [...(p.thumbprints ?? [])],
      CreateDate: p.createDate,
      Tags: tagsOrUndefined(p),
    };
  }

  /** [ListOpenIDConnectProviders](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html) */
  async listOidc(accountId: string): Promise<Iam.ListOpenIDConnectProvidersResponse> {
    const providers = await this.#deps.store.listIdentityProviders(accountId, 'oidc');
    return { OpenIDConnectProviderList: providers.map((p) => ({ Arn: p.arn })) };
  }

  /** Add/RemoveClientIDTo/FromOpenIDConnectProvider: adding one already there and removing one absent are no-ops. */
  async changeClientId(accountId: string, arn: string, clientId: string, add: boolean): Promise<void> {
    const p = await this.#require(accountId, arn, 'oidc');
    const ids = new Set(p.clientIds ?? []);
    if (add) ids.add(clientId);
    else ids.delete(clientId);
    if (ids.size > MAX_CLIENT_IDS) {
      throw new AwsError(
        'LimitExceeded',
        `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`,
      );
    }
    await this.#save({ ...p, clientIds: [...ids] });
  }

  /** [UpdateOpenIDConnectProviderThumbprint](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html) */
  async updateThumbprints(accountId: string, input: Iam.UpdateOpenIDConnectProviderThumbprintRequest): Promise<void> {
    const p = await this.#require(accountId, input.OpenIDConnectProviderArn, 'oidc');
    await this.#save({ ...p, thumbprints: [...input.ThumbprintList] });
  }

  /** [CreateSAMLProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html) */
  async createSaml(accountId: string, input: Iam.CreateSAMLProviderRequest): Promise<Iam.CreateSAMLProviderResponse> {
    const arn = `arn:aws:iam::${accountId}:saml-provider/${input.Name}`;
    await this.#create(
      {
        accountId,
        arn,
        kind: 'saml',
        createDate: this.#deps.clock.now(),
        tags: input.Tags ?? [],
        samlMetadataDocument: input.SAMLMetadataDocument,
        validUntil: validUntilOf(input.SAMLMetadataDocument),
      },
      `SAMLProvider ${input.Name} already exists.`,
    );
    return { SAMLProviderArn: arn, Tags: input.Tags };
  }

  /** [GetSAMLProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetSAMLProvider.html) */
  async getSaml(accountId: string, input: Iam.GetSAMLProviderRequest): Promise<Iam.GetSAMLProviderResponse> {
    const p = await this.#require(accountId, input.SAMLProviderArn, 'saml');
    return {
      SAMLMetadataDocument: p.samlMetadataDocument,
      CreateDate: p.createDate,
      ValidUntil: p.validUntil,
      Tags: tagsOrUndefined(p),
    };
  }

  /** [UpdateSAMLProvider](https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSAMLProvider.html) */
  async updateSaml(accountId: string, input: Iam.UpdateSAMLProviderRequest): Promise<Iam.UpdateSAMLProviderResponse> {
    const p = await this.#require(accountId, input.SAMLProviderArn, 'saml');
    const metadata = input.SAMLMetadataDocument ?? p.samlMetadataDocument ?? '';
    await this.#save({ ...p, samlMetadataDocument: metadata, validUntil: validUntilOf(metadata) });
    return { SAMLProviderArn: p.arn };
  }

  /** [ListSAMLProviders](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSAMLProviders.html) */
  async listSaml(accountId: string): Promise<Iam.ListSAMLProvidersResponse> {
    const providers = await this.#deps.store.listIdentityProviders(accountId, 'saml');
    return {
      SAMLProviderList: providers.map((p) => ({ Arn: p.arn, ValidUntil: p.validUntil, CreateDate: p.createDate })),
    };
  }

  /** DeleteOpenIDConnectProvider, DeleteSAMLProvider. */
  async delete(accountId: string, arn: string, kind: IdentityProviderRecord['kind']): Promise<void> {
    await this.#require(accountId, arn, kind);
    if (!(await this.#deps.store.deleteIdentityProvider(arn))) throw notFound(arn);
    this.#deps.tracker.bump();
  }

  /** Tag/Untag/List…ProviderTags. */
  async tag(
    accountId: string,
    arn: string,
    kind: IdentityProviderRecord['kind'],
    tags: Iam.tagListType,
  ): Promise<void> {
    const p = await this.#require(accountId, arn, kind);
    await this.#save({ ...p, tags: mergeTags(p.tags, tags) });
  }

  async untag(
    accountId: string,
    arn: string,
    kind: IdentityProviderRecord['kind'],
    keys: readonly string[],
  ): Promise<void> {
    const p = await this.#require(accountId, arn, kind);
    await this.#save({ ...p, tags: removeTags(p.tags, keys) });
  }

  async listTags(
    accountId: string,
    arn: string,
    kind: IdentityProviderRecord['kind'],
    input: { Marker?: string | undefined; MaxItems?: number | undefined },
  ): Promise<Iam.ListOpenIDConnectProviderTagsResponse> {
    const p = await this.#require(accountId, arn, kind);
    const page = paginateByIndex(p.tags, input.Marker, input.MaxItems);
    return { Tags: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** Providers of the account (GetAccountSummary). */
  async count(accountId: string): Promise<number> {
    const store = this.#deps.store;
    return (
      (await store.listIdentityProviders(accountId, 'oidc')).length +
      (await store.listIdentityProviders(accountId, 'saml')).length
    );
  }
}
