/**
 * OpenID Connect and SAML identity providers through the JS SDK v3 (the entities; federation is tested with STS).
 */

import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  CreateSAMLProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  DeleteSAMLProviderCommand,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  ListSAMLProvidersCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure } from '../support/aws-clients.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>['iam'];
const thumbprint = '6938fd4d98bab03faadb97b34396831e3780aea1';
const metadata = (validUntil: string) =>
  `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com" validUntil="${validUntil}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${'<!-- padding -->'.repeat(60)}</md:IDPSSODescriptor></md:EntityDescriptor>`;

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root).iam;
});

afterAll(async () => {
  await t?.app.close();
});

describe('identity providers', () => {
  it('manages an OpenID Connect provider', async () => {
    const created = await admin.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: [thumbprint],
      }),
    );
    const arn = created.OpenIDConnectProviderArn!;
    expect(arn).toBe(`arn:aws:iam::${t.accountId}:oidc-provider/token.actions.githubusercontent.com`);
    const again = await failure(
      admin.send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://token.actions.githubusercontent.com',
          ThumbprintList: [thumbprint],
        }),
      ),
    );
    expect(again.name).toBe('EntityAlreadyExistsException');
    await admin.send(
      new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'my-app' }),
    );
    await admin.send(
      new RemoveClientIDFromOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        ClientID: 'sts.amazonaws.com',
      }),
    );
    await admin.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: arn,
        ThumbprintList: ['a'.repeat(40)],
      }),
    );
    await admin.send(
      new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'ci', Value: 'gh' }] }),
    );
    const got = await admin.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(got).toMatchObject({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['my-app'],
      ThumbprintList: ['a'.repeat(40)],
      Tags: [{ Key: 'ci', Value: 'gh' }],
    });
    expect(
      (await admin.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags,
    ).toEqual([{ Key: 'ci', Value: 'gh' }]);
    expect((await admin.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toEqual([
      { Arn: arn },
    ]);
    expect((await admin.send(new GetAccountSummaryCommand({}))).SummaryMap?.Providers).toBe(1);
    await admin.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(
      (await failure(admin.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })))).name,
    ).toBe('NoSuchEntityException');
  });

  it('manages a SAML provider', async () => {
    const created = await admin.send(
      new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: metadata('2030-01-01T00:00:00Z') }),
    );
    const arn = created.SAMLProviderArn!;
    expect(arn).toBe(`arn:aws:iam::${t.accountId}:saml-provider/Corp`);
    const got = await admin.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    expect(got.ValidUntil).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(got.SAMLMetadataDocument).toContain('idp.example.com');
    await admin.send(
      new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: metadata('2031-06-01T00:00:00Z') }),
    );
    const listed = await admin.send(new ListSAMLProvidersCommand({}));
    expect(listed.SAMLProviderList?.map((p) => [p.Arn, p.ValidUntil])).toEqual([
      [arn, new Date('2031-06-01T00:00:00Z')],
    ]);
    await admin.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    expect((await admin.send(new ListSAMLProvidersCommand({}))).SAMLProviderList).toEqual([]);
  });
});
