/**
 * @module core/s3/crc
 * The two CRCs of S3's additional checksums that Node does not ship (CRC32 is `zlib.crc32`), as reflected,
 * table-driven "slicing-by-8" implementations: eight bytes per step, so a 64 MiB upload costs well under the disk
 * write (bench/sigv4.mjs).
 * - CRC-32C (Castagnoli; RFC 3720 §B.4): polynomial 0x1EDC6F41 (reflected 0x82F63B78), init and xor-out all ones;
 *   check value CRC32C("123456789") = 0xE3069283.
 * - CRC-64/NVME (the NVM Express Command Set's CRC, which S3 calls CRC64NVME): polynomial 0xAD93D23594C93659
 *   (reflected 0x9A6C9329AC4BC9B5), init and xor-out all ones; check value 0xAE8B14860A799888.
 * The tables are constant data computed once at load; each running value belongs to its caller.
 */

/** The eight lookup tables of a slicing-by-8 CRC, as a tuple so destructuring keeps them typed. */
type EightTables = [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
];

const SLICES = 8;

/** Eight 256-entry tables of a reflected 32-bit CRC: `tables[k][b]` is the CRC of byte `b` followed by `k` zeros. */
function tables32(reflectedPolynomial: number): Uint32Array[] {
  const tables = Array.from({ length: SLICES }, () => new Uint32Array(256));
  const first = tables[0]!;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ reflectedPolynomial : crc >>> 1;
    first[byte] = crc >>> 0;
  }
  for (let k = 1; k < SLICES; k++) {
    const previous = tables[k - 1]!;
    const table = tables[k]!;
    for (let byte = 0; byte < 256; byte++) table[byte] = (previous[byte]! >>> 8) ^ first[previous[byte]! & 0xff]!;
  }
  return tables;
}

/** The 64-bit tables as high and low 32-bit halves, since JS bitwise operators work on 32 bits. */
function tables64(polynomialHigh: number, polynomialLow: number): { high: Uint32Array[]; low: Uint32Array[] } {
  const high = Array.from({ length: SLICES }, () => new Uint32Array(256));
  const low = Array.from({ length: SLICES }, () => new Uint32Array(256));
  for (let byte = 0; byte < 256; byte++) {
    let hi = 0;
    let lo = byte;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = (lo >>> 1) | ((hi & 1) << 31);
      hi >>>= 1;
      if (carry) {
        hi ^= polynomialHigh;
        lo ^= polynomialLow;
      }
    }
    high[0]![byte] = hi >>> 0;
    low[0]![byte] = lo >>> 0;
  }
  for (let k = 1; k < SLICES; k++) {
    for (let byte = 0; byte < 256; byte++) {
      const hi = high[k - 1]![byte]!;
      const lo = low[k - 1]![byte]!;
      const index = lo & 0xff;
      high[k]![byte] = (hi >>> 8) ^ high[0]![index]!;
      low[k]![byte] = ((lo >>> 8) | (hi << 24)) ^ low[0]![index]!;
    }
  }
  return { high, low };
}

const CRC32C = tables32(0x82f63b78);
const CRC64NVME = tables64(0x9a6c9329, 0xac4bc9b5);

/**
 * Continues a CRC-32C over `bytes`; pass the previous result to continue a running checksum.
 *
 * @example
 * crc32c(Buffer.from('123456789')).toString(16); // 'e3069283'
 */
export function crc32c(bytes: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC32C as EightTables;
  let crc = ~previous;
  let i = 0;
  const whole = bytes.length - (bytes.length % SLICES);
  for (; i < whole; i += SLICES) {
    const a = crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    crc =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/**
 * Continues a CRC-64/NVME over `bytes`. The value is a bigint only at the edges; the loop runs on two 32-bit
 * halves.
 *
 * @example
 * crc64nvme(Buffer.from('123456789')).toString(16); // 'ae8b14860a799888'
 */
export function crc64nvme(bytes: Uint8Array, previous = 0n): bigint {
  const { high, low } = CRC64NVME;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = high as EightTables;
  const [l0, l1, l2, l3, l4, l5, l6, l7] = low as EightTables;
  const start = ~previous & 0xffff_ffff_ffff_ffffn;
  let hi = Number(start >> 32n) | 0;
  let lo = Number(start & 0xffff_ffffn) | 0;
  let i = 0;
  const whole = bytes.length - (bytes.length % SLICES);
  for (; i < whole; i += SLICES) {
    const a = lo ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    const b = hi ^ (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24));
    const i7 = a & 0xff;
    const i6 = (a >>> 8) & 0xff;
    const i5 = (a >>> 16) & 0xff;
    const i4 = a >>> 24;
    const i3 = b & 0xff;
    const i2 = (b >>> 8) & 0xff;
    const i1 = (b >>> 16) & 0xff;
    const i0 = b >>> 24;
    hi = h7[i7]! ^ h6[i6]! ^ h5[i5]! ^ h4[i4]! ^ h3[i3]! ^ h2[i2]! ^ h1[i1]! ^ h0[i0]!;
    lo = l7[i7]! ^ l6[i6]! ^ l5[i5]! ^ l4[i4]! ^ l3[i3]! ^ l2[i2]! ^ l1[i1]! ^ l0[i0]!;
  }
  for (; i < bytes.length; i++) {
    const index = (lo ^ bytes[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ l0[index]!;
    hi = (hi >>> 8) ^ h0[index]!;
  }
  return ~((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)) & 0xffff_ffff_ffff_ffffn;
}
