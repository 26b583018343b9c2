/**
 * @module sigv4/signing
 * The cryptographic steps of SigV4 (IAM User Guide, "Create a string to sign", "Calculate the signature"):
 * `StringToSign = AWS4-HMAC-SHA256 \n amzDate \n scope \n hex(SHA256(CanonicalRequest))`,
 * `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`,
 * `signature = hex(HMAC(kSigning, StringToSign))`.
 */
import { createHmac, hash } from 'node:crypto';
import { ALGORITHM } from './types.js';

/** The credential scope terminator. */
export const SCOPE_TERMINATOR = 'aws4_request';

/** hex(SHA-256("")), the payload hash of an empty body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * Lower-case hex SHA-256 of a string (as UTF-8) or bytes.
 *
 * @example
 * sha256Hex(''); // 'e3b0c442…b855'
 */
export function sha256Hex(data: string | Uint8Array): string {
  // The one-shot `hash` (Node ≥ 20.12) skips the Hash object and its stream machinery: this runs per request.
  return hash('sha256', data, 'hex');
}

/**
 * `yyyymmdd/region/service/aws4_request`.
 *
 * @example
 * credentialScope('20150830', 'us-east-1', 'iam'); // '20150830/us-east-1/iam/aws4_request'
 */
export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/${SCOPE_TERMINATOR}`;
}

/**
 * The string to sign for a canonical request.
 *
 * @example
 * stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', canonical);
 * // 'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n<hex sha256>'
 */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * Derives the signing key for one (secret, day, region, service). Prefer {@link SigningKeyCache} on hot paths.
 *
 * @example
 * deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam');
 */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Uint8Array {
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update(SCOPE_TERMINATOR).digest();
}

/**
 * hex(HMAC-SHA256(signingKey, text)): the signature of a string to sign (also of chunk and trailer strings).
 *
 * @example
 * signString(deriveSigningKey(secret, date, region, service), stringToSign(...)); // 64 hex chars
 */
export function signString(signingKey: Uint8Array, text: string): string {
  return createHmac('sha256', signingKey).update(text).digest('hex');
}

/**
 * Compares the expected hex signature with the one the client sent without an early exit, so the time taken
 * does not reveal how many leading characters matched. Lengths are public (64 hex digits). An XOR over the
 * characters avoids the two buffer copies `crypto.timingSafeEqual` would need on the hot path.
 *
 * @example
 * signaturesMatch(expected, auth.signature); // boolean
 */
export function signaturesMatch(expected: string, provided: string): boolean {
  if (expected.length !== provided.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ provided.charCodeAt(i);
  return difference === 0;
}
