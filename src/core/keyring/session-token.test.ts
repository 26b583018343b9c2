import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../storage/index.js';
import { loadKeyring } from './keyring.js';
import { createSealer, openText, sealText } from './sealer.js';
import { openSessionToken, type SessionClaims, sealSessionToken } from './session-token.js';

const random = { bytes: (n: number) => randomBytes(n), uuid: () => randomUUID() };
const clock = { now: () => new Date('2026-11-28T12:00:00Z') };

const claims: SessionClaims = {
  v: 1,
  akid: 'ASIAAAAAAAAAAAAAAAAA',
  sk: 'secret',
  acct: '000000000000',
  kind: 'assumed-role',
  roleId: 'AROAAAAAAAAAAAAAAAAAA',
  roleArn: 'arn:aws:iam::000000000000:role/p/r',
  roleName: 'r',
  session: 's',
  iat: 1,
  exp: 2,
};

describe('sealer', () => {
  it('opens what it sealed only with the same associated data and key', () => {
    const sealer = createSealer(randomBytes(32), random);
    const sealed = sealText(sealer, 'wJalrXUtnFEMI', 'AKIA1');
    expect(sealed).not.toContain('wJalrXUtnFEMI');
    expect(openText(sealer, sealed, 'AKIA1')).toBe('wJalrXUtnFEMI');
    expect(openText(sealer, sealed, 'AKIA2')).toBeUndefined();
    expect(openText(createSealer(randomBytes(32), random), sealed, 'AKIA1')).toBeUndefined();
  });
});

describe('session tokens', () => {
  it('round-trip through the keyring and are bound to their access key id', async () => {
    const stores = createMemoryStores();
    const keyring = await loadKeyring(stores.accounts, createSealer(randomBytes(32), random), random, clock);
    const token = sealSessionToken(keyring, claims);
    expect(openSessionToken(keyring, token, claims.akid)).toEqual(claims);
    expect(openSessionToken(keyring, token, 'ASIABBBBBBBBBBBBBBBB')).toBeUndefined();
    const tampered = Buffer.from(token, 'base64');
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(openSessionToken(keyring, tampered.toString('base64'), claims.akid)).toBeUndefined();
    expect(openSessionToken(keyring, 'not a token', claims.akid)).toBeUndefined();
  });

  it('opens tokens of format 1 (AES-256-GCM) that an earlier iamd sealed, bound to their access key id', async () => {
    const stores = createMemoryStores();
    const keyring = await loadKeyring(stores.accounts, createSealer(randomBytes(32), random), random, clock);
    const { keyId, sealer } = keyring.active;
    const header = Buffer.concat([Buffer.of(1), Buffer.from(keyId, 'hex')]);
    const legacy = sealer
      .seal(JSON.stringify(claims), `iamd-session-token-v1:${claims.akid}`, header)
      .toString('base64');
    expect(openSessionToken(keyring, legacy, claims.akid)).toEqual(claims);
    expect(openSessionToken(keyring, legacy, 'ASIABBBBBBBBBBBBBBBB')).toBeUndefined();
    // New tokens are format 2.
    expect(Buffer.from(sealSessionToken(keyring, claims), 'base64')[0]).toBe(2);
  });

  it('keeps the keyring across restarts and refuses a different master key', async () => {
    const stores = createMemoryStores();
    const master = createSealer(randomBytes(32), random);
    const first = await loadKeyring(stores.accounts, master, random, clock);
    const again = await loadKeyring(stores.accounts, master, random, clock);
    expect(again.active.keyId).toBe(first.active.keyId);
    expect(openSessionToken(again, sealSessionToken(first, claims), claims.akid)).toEqual(claims);
    await expect(loadKeyring(stores.accounts, createSealer(randomBytes(32), random), random, clock)).rejects.toThrow(
      /master key/,
    );
  });
});
