import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSshPublicKey, sshKeyToPem } from './ssh-key-encoding.js';

const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('parseSshPublicKey', () => {
  it('reads PEM and ssh-rsa forms of the same key alike, with an MD5 fingerprint', () => {
    const fromPem = parseSshPublicKey(pem);
    expect(fromPem.ssh).toMatch(/^ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB/);
    expect(fromPem.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(parseSshPublicKey(`${fromPem.ssh} me@laptop\n`)).toEqual(fromPem);
    expect(sshKeyToPem(fromPem.ssh)).toBe(pem);
  });

  it('refuses other algorithms, small keys and garbage with the AWS codes', () => {
    const code = (body: string) => {
      try {
        parseSshPublicKey(body);
      } catch (error) {
        return (error as { code: string }).code;
      }
      return 'accepted';
    };
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(code(ed)).toBe('UnrecognizedPublicKeyEncoding');
    expect(code('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA me')).toBe('UnrecognizedPublicKeyEncoding');
    expect(code('hello')).toBe('UnrecognizedPublicKeyEncoding');
    expect(code(small.export({ type: 'spki', format: 'pem' }).toString())).toBe('InvalidPublicKey');
    expect(code('ssh-rsa AAAA!!')).toBe('InvalidPublicKey');
    expect(code('ssh-rsa AAAAB3NzaC1yc2EAAAAD')).toBe('InvalidPublicKey');
    expect(code('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----')).toBe('InvalidPublicKey');
  });
});
