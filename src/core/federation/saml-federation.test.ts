import { describe, expect, it } from 'vitest';
import {
  base64Of,
  IDP_ENTITY_ID,
  idpMetadata,
  samlResponse,
  type SamlResponseOptions,
} from '../../../test/support/saml-idp.js';
import type { IdentityProviderRecord } from '../entities.js';
import { SamlFederation } from './saml-federation.js';

const ACCOUNT = '111122223333';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/engineers`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/admins`;
const NOW = new Date('2026-11-28T12:00:00Z');

const provider: IdentityProviderRecord = {
  accountId: ACCOUNT,
  arn: PROVIDER,
  kind: 'saml',
  createDate: NOW,
  tags: [],
  samlMetadataDocument: idpMetadata(),
};
const federation = () =>
  new SamlFederation({ clock: { now: () => NOW }, provider: async (arn) => (arn === PROVIDER ? provider : undefined) });
const options = (overrides: Partial<SamlResponseOptions> = {}): SamlResponseOptions => ({
  roles: [`${ROLE},${PROVIDER}`],
  now: NOW,
  ...overrides,
});
const request = (SAMLAssertion: string, RoleArn = ROLE) => ({ RoleArn, PrincipalArn: PROVIDER, SAMLAssertion });
const outcome = (SAMLAssertion: string, RoleArn = ROLE) =>
  federation()
    .verify(request(SAMLAssertion, RoleArn))
    .then(
      (identity) => ({ ok: true as const, subject: identity.subject, roles: identity.roles }),
      (error: { code?: string; message: string }) => ({ ok: false as const, code: error.code, message: error.message }),
    );

const SIGNATURE = /<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/Signature>/;
const ASSERTION = /<saml:Assertion [\s\S]*<\/saml:Assertion>/;

describe('SamlFederation', () => {
  it('accepts a response whose assertion is signed, and one whose response is signed, and reads them', async () => {
    for (const sign of ['assertion', 'response'] as const) {
      const { base64 } = samlResponse(
        options({ sign, tags: { team: 'blue' }, sessionDuration: 1800, sourceIdentity: 'alice' }),
      );
      const identity = await federation().verify(request(base64));
      expect(identity).toMatchObject({
        issuer: IDP_ENTITY_ID,
        subject: 'alice@example.com',
        subjectType: 'persistent',
        recipient: 'https://signin.aws.amazon.com/saml',
        sessionName: 'alice@example.com',
        sessionDuration: 1800,
        sourceIdentity: 'alice',
        tags: [{ Key: 'team', Value: 'blue' }],
        providerArn: PROVIDER,
        accountId: ACCOUNT,
      });
      expect(identity.nameQualifier).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    }
  });

  it('refuses an unsigned response and one signed by a key the metadata does not publish', async () => {
    expect(await outcome(samlResponse(options({ sign: 'none' })).base64)).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'The SAML response is not signed.',
    });
    expect(await outcome(samlResponse(options({ signer: 'attacker' })).base64)).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
    });
  });

  it('refuses a signed response changed after signing', async () => {
    const { xml } = samlResponse(options());
    const tampered = xml.replace('>alice@example.com</saml:NameID>', '>mallory@example.com</saml:NameID>');
    expect(tampered).not.toBe(xml);
    expect(await outcome(base64Of(tampered))).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
  });

  describe('signature wrapping', () => {
    const signedOriginal = () => {
      const { xml } = samlResponse(options());
      const original = ASSERTION.exec(xml)![0];
      const evil = original
        .replace(SIGNATURE, '')
        .replace('alice@example.com</saml:NameID>', 'mallory@example.com</saml:NameID>')
        .replace(`${ROLE},${PROVIDER}`, `${ADMIN},${PROVIDER}`);
      return { xml, original, evil };
    };

    it('moves the signed assertion into Extensions and puts an unsigned one in its place', async () => {
      const { xml, original, evil } = signedOriginal();
      const attack = xml
        .replace(original, evil.replace(/ID="[^"]+"/, 'ID="_evil"'))
        .replace('<samlp:Status>', `<samlp:Extensions>${original}</samlp:Extensions><samlp:Status>`);
      expect(await outcome(base64Of(attack), ADMIN)).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
    });

    it("hides the signed assertion inside the forged one's Advice, keeping its signature", async () => {
      const { xml, original, evil } = signedOriginal();
      const signature = SIGNATURE.exec(original)![0];
      const forged = evil
        .replace(/ID="[^"]+"/, 'ID="_evil"')
        .replace('</saml:Issuer>', `</saml:Issuer>${signature}`)
        .replace('</saml:Assertion>', `<saml:Advice>${original.replace(SIGNATURE, '')}</saml:Advice></saml:Assertion>`);
      expect(await outcome(base64Of(xml.replace(original, forged)), ADMIN)).toMatchObject({
        ok: false,
        code: 'InvalidIdentityToken',
      });
    });

    it('gives a forged assertion the signed one’s ID: never the forged identity', async () => {
      const { xml, original, evil } = signedOriginal();
      const signature = SIGNATURE.exec(original)![0];
      const forged = evil
        .replace('</saml:Issuer>', `</saml:Issuer>${signature}`)
        .replace('</saml:Assertion>', `<saml:Advice>${original.replace(SIGNATURE, '')}</saml:Advice></saml:Assertion>`);
      const result = await outcome(base64Of(xml.replace(original, forged)), ADMIN);
      expect(result.ok).toBe(false);
      const forRole = await outcome(base64Of(xml.replace(original, forged)), ROLE);
      if (forRole.ok) expect(forRole.subject).toBe('alice@example.com');
    });
  });

  it('refuses expired, wrong-audience, wrong-recipient and wrong-issuer assertions', async () => {
    expect(await outcome(samlResponse(options({ validSeconds: -120 })).base64)).toMatchObject({
      ok: false,
      code: 'ExpiredTokenException',
    });
    for (const overrides of [
      { audience: 'https://evil.example.com/saml' },
      { recipient: 'https://evil.example.com/saml' },
      { issuer: 'https://other-idp.example.com' },
    ]) {
      expect(await outcome(samlResponse(options(overrides)).base64)).toMatchObject({
        ok: false,
        code: 'InvalidIdentityToken',
      });
    }
  });

  it('refuses a role the assertion does not offer, a failed status, and a missing session name', async () => {
    expect(await outcome(samlResponse(options()).base64, ADMIN)).toMatchObject({ ok: false, code: 'AccessDenied' });
    expect(
      await outcome(samlResponse(options({ status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' })).base64),
    ).toMatchObject({ ok: false, code: 'IDPRejectedClaim' });
    expect(await outcome(samlResponse(options({ sessionName: 'x' })).base64)).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
    });
  });

  it('refuses what is not a SAML response, and documents with a DTD', async () => {
    expect(await outcome(base64Of('not xml'))).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
    const { xml } = samlResponse(options());
    const withDtd = `<!DOCTYPE r [<!ENTITY x "alice">]>${xml}`;
    expect(await outcome(base64Of(withDtd))).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
  });
});
