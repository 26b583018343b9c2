/**
 * @module core/iam/ssh-key-encoding
 * The SSH public keys IAM accepts (UploadSSHPublicKey: "ssh-rsa format or PEM format", RSA of 2,048 to 16,384
 * bits): parsing either form into the `ssh-rsa` wire blob (RFC 4253 §6.6), the MD5 fingerprint AWS shows, and the
 * PEM (SubjectPublicKeyInfo) form GetSSHPublicKey returns for `Encoding=PEM`.
 */

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AwsError } from '../errors.js';

const MIN_BITS = 2048;
const MAX_BITS = 16_384;

/** A parsed RSA public key. */
export interface SshRsaKey {
  /** `ssh-rsa <base64 blob>`. */
  readonly ssh: string;
  /** MD5 of the blob, colon-separated hex. */
  readonly fingerprint: string;
}

const invalid = () => new AwsError('InvalidPublicKey', 'The public key is malformed or otherwise invalid.');
const unrecognized = () =>
  new AwsError('UnrecognizedPublicKeyEncoding', 'The public key encoding format is unsupported or unrecognized.');

/** RFC 4251 `string`/`mpint` fields of an SSH blob, in order. */
function readFields(blob: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 4 > blob.length) throw invalid();
    const length = blob.readUInt32BE(offset);
    if (offset + 4 + length > blob.length) throw invalid();
    fields.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return fields;
}

const field = (bytes: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** An unsigned big-endian integer as an SSH `mpint` (a leading zero when the high bit is set). */
const mpint = (bytes: Buffer) => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return field((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
};

/** Checks the key is RSA of an allowed size and returns its `ssh-rsa` form. */
function fromKeyObject(key: KeyObject): SshRsaKey {
  if (key.asymmetricKeyType !== 'rsa') throw unrecognized();
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_BITS || bits > MAX_BITS) throw invalid();
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw invalid();
  const blob = Buffer.concat([
    field(Buffer.from('ssh-rsa')),
    mpint(Buffer.from(jwk.e, 'base64url')),
    mpint(Buffer.from(jwk.n, 'base64url')),
  ]);
  const md5 = createHash('md5').update(blob).digest('hex');
  return { ssh: `ssh-rsa ${blob.toString('base64')}`, fingerprint: md5.replace(/(..)(?!$)/g, '$1:') };
}

/** Parses an `ssh-rsa AAAA… [comment]` line. */
function fromSshLine(text: string): KeyObject {
  const [type, data] = text.split(/\s+/);
  if (type !== 'ssh-rsa') throw unrecognized();
  if (!data || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) throw invalid();
  const [name, e, n] = readFields(Buffer.from(data, 'base64'));
  if (name?.toString() !== 'ssh-rsa' || !e || !n) throw invalid();
  try {
    return createPublicKey({
      key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') },
      format: 'jwk',
    });
  } catch {
    throw invalid();
  }
}

/**
 * Parses an uploaded key body; UnrecognizedPublicKeyEncoding for another format or algorithm, InvalidPublicKey for
 * a malformed key or one of the wrong size.
 *
 * @example
 * parseSshPublicKey('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ… me@laptop').fingerprint; // '7a:1d:…'
 */
export function parseSshPublicKey(body: string): SshRsaKey {
  const text = body.trim();
  if (text.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey(text);
    } catch {
      throw invalid();
    }
    return fromKeyObject(key);
  }
  if (/^(ssh-|ecdsa-|sk-)/.test(text)) return fromKeyObject(fromSshLine(text));
  throw unrecognized();
}

/** The SubjectPublicKeyInfo PEM of a stored `ssh-rsa` key (GetSSHPublicKey with `Encoding=PEM`). */
export function sshKeyToPem(ssh: string): string {
  return fromSshLine(ssh).export({ type: 'spki', format: 'pem' }).toString();
}
