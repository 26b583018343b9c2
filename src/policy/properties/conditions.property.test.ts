/**
 * Properties of the allocation-free hot paths of the condition operators against slow references: the IPv4 test
 * by integer arithmetic against a bitwise reference, the date reader against `Date.UTC`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../conditions/index.js';
import { compileCondition } from '../conditions/index.js';
import { createContext } from '../context.js';

const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const toNumber = (o: readonly number[]) => o.reduce((n, b) => n * 256 + b, 0);
const sink = { noteMissing() {} };

describe('IpAddress on IPv4: properties', () => {
  it('agrees with a bitwise reference for any address and block', () => {
    fc.assert(
      fc.property(octets, octets, fc.integer({ min: 0, max: 32 }), (address, network, prefix) => {
        const cidr = `${network.join('.')}/${prefix}`;
        const ip = address.join('.');
        const mask = prefix === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - prefix)) - 1n);
        const expected = (BigInt(toNumber(address)) & mask) === (BigInt(toNumber(network)) & mask);
        const context = createContext({ 'aws:SourceIp': ip });
        expect(compileCondition('IpAddress', 'aws:SourceIp', [cidr], true)(context, sink)).toBe(expected);
        expect(compileCondition('NotIpAddress', 'aws:SourceIp', [cidr], true)(context, sink)).toBe(!expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseDate: properties', () => {
  it('reads YYYY-MM-DDTHH:MM:SSZ and epoch seconds like Date.UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }), (d) => {
        const ms = Math.floor(d.getTime() / 1000) * 1000;
        const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
        expect(parseDate(iso)).toBe(ms);
        expect(parseDate(String(ms / 1000))).toBe(ms);
        expect(parseDate(iso.replace('Z', '+00:00'))).toBe(ms);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects days that do not exist, in both the fast and the full reader', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2200 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
        const mm = String(month).padStart(2, '0');
        expect(parseDate(`${year}-${mm}-${days}T00:00:00Z`)).toBe(Date.UTC(year, month - 1, days));
        expect(parseDate(`${year}-${mm}-${days + 1}T00:00:00Z`)).toBeUndefined();
        expect(parseDate(`${year}-${mm}-${days + 1}`)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
