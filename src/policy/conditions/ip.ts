/**
 * @module policy/conditions/ip
 * IpAddress / NotIpAddress (IAM User Guide, "Condition operators" → IP address). Policy values are CIDR blocks
 * or single addresses (/32, /128); IPv4 and IPv6. An IPv4 address never matches an IPv6 block and vice versa,
 * and IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are treated as IPv6, which AWS leaves undocumented
 * (IAM-SEMANTICS.md tricky case 27, verify). Policy values that do not parse never match.
 */

import type { OperatorSpec, OperatorTable } from './types.js';

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
type Address = Uint8Array;

interface Block {
  readonly bytes: Address;
  readonly prefix: number;
}

function parseV4(text: string): Address | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    out[i] = Number(part);
  }
  return out;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) groups.push(Number.parseInt(part, 16));
    else return undefined;
  }
  return groups;
}

function parseV6(text: string): Address | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] as string);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/**
 * Parses an IPv4 or IPv6 address into bytes; `undefined` when malformed (zone IDs are not accepted).
 * @example
 * parseIp('10.0.0.1'); // Uint8Array [10, 0, 0, 1]
 */
export function parseIp(text: string): Address | undefined {
  const trimmed = text.trim();
  return trimmed.includes(':') ? parseV6(trimmed) : parseV4(trimmed);
}

/** Parses `addr` or `addr/prefix`; `undefined` when malformed. Host bits beyond the prefix are ignored. */
export function parseCidr(text: string): Block | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (bytes === undefined) return undefined;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const suffix = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(suffix) || Number(suffix) > max) return undefined;
  return { bytes, prefix: Number(suffix) };
}

/**
 * Reads a dotted-quad IPv4 address as an unsigned 32-bit number without allocating; -1 when `text` is not
 * exactly that form (the caller then falls back to {@link parseIp}). The hot path: `aws:SourceIp` is IPv4 in
 * most requests.
 */
function ipv4Number(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      octet = octet * 10 + (c - 0x30);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 0x2e && digits > 0 && dots < 3) {
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** A CIDR block as the operator tests it: IPv4 blocks as numbers, IPv6 blocks as bytes. */
interface CompiledBlock {
  readonly v4: boolean;
  readonly network: number;
  /** Size of the block for IPv4 (2^(32-prefix)); addresses match when `floor(address / size) === network`. */
  readonly size: number;
  readonly block: Block;
}

function compileBlock(block: Block): CompiledBlock {
  if (block.bytes.length !== 4) return { v4: false, network: 0, size: 0, block };
  const b = block.bytes;
  const address =
    (b[0] as number) * 2 ** 24 + (b[1] as number) * 2 ** 16 + (b[2] as number) * 2 ** 8 + (b[3] as number);
  const size = 2 ** (32 - block.prefix);
  return { v4: true, network: Math.floor(address / size), size, block };
}

function contains(block: Block, address: Address): boolean {
  if (block.bytes.length !== address.length) return false;
  const whole = block.prefix >> 3;
  for (let i = 0; i < whole; i++) if (block.bytes[i] !== address[i]) return false;
  const rest = block.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((block.bytes[whole] as number) & mask) === ((address[whole] as number) & mask);
}

function op(negated: boolean): OperatorSpec {
  return {
    negated,
    compile: (values) => {
      const blocks = values
        .map(parseCidr)
        .filter((b) => b !== undefined)
        .map(compileBlock);
      return (value) => {
        const v4 = ipv4Number(value);
        if (v4 >= 0) {
          for (let i = 0; i < blocks.length; i++) {
            const b = blocks[i] as CompiledBlock;
            if (b.v4 && Math.floor(v4 / b.size) === b.network) return true;
          }
          return false;
        }
        const address = parseIp(value);
        if (address === undefined) return undefined;
        for (const b of blocks) if (contains(b.block, address)) return true;
        return false;
      };
    },
  };
}

/** The IP address family. */
export const ipOperators: OperatorTable = {
  IpAddress: op(false),
  NotIpAddress: op(true),
};
