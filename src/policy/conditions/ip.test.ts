import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { ContextValue } from '../types.js';
import { compileCondition } from './compile-condition.js';
import { parseCidr, parseIp } from './ip.js';

const check = (op: string, values: string[], value: ContextValue | undefined) =>
  compileCondition(op, 'aws:SourceIp', values, true)(createContext({ 'aws:sourceip': value }), { noteMissing() {} });

describe('IP parsing', () => {
  it('parses IPv4 and IPv6, including :: and embedded IPv4', () => {
    expect([...(parseIp('10.1.2.3') ?? [])]).toEqual([10, 1, 2, 3]);
    expect(parseIp('2001:db8::1')?.length).toBe(16);
    expect([...(parseIp('::ffff:10.0.0.1') ?? [])].slice(10)).toEqual([255, 255, 10, 0, 0, 1]);
    expect(parseIp('::')?.every((b) => b === 0)).toBe(true);
  });

  it.each(['256.0.0.1', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', 'x'])('rejects %s', (bad) => {
    expect(parseIp(bad)).toBeUndefined();
  });

  it('parses CIDRs, single addresses as /32 and /128', () => {
    expect(parseCidr('10.0.0.0/8')?.prefix).toBe(8);
    expect(parseCidr('10.0.0.1')?.prefix).toBe(32);
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
    expect(parseCidr('::1')?.prefix).toBe(128);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
});

describe('IpAddress / NotIpAddress', () => {
  it('matches within the prefix, including non-octet prefixes', () => {
    expect(check('IpAddress', ['203.0.113.0/24'], '203.0.113.77')).toBe(true);
    expect(check('IpAddress', ['203.0.113.0/24'], '203.0.114.1')).toBe(false);
    expect(check('IpAddress', ['10.0.0.0/12'], '10.15.255.255')).toBe(true);
    expect(check('IpAddress', ['10.0.0.0/12'], '10.16.0.0')).toBe(false);
    expect(check('IpAddress', ['10.0.0.5'], '10.0.0.5')).toBe(true);
    expect(check('IpAddress', ['2001:db8::/32'], '2001:db8:ffff::1')).toBe(true);
  });

  it('never matches across address families (tricky case 27)', () => {
    expect(check('IpAddress', ['::/0'], '10.0.0.1')).toBe(false);
    expect(check('IpAddress', ['0.0.0.0/0'], '2001:db8::1')).toBe(false);
    expect(check('IpAddress', ['10.0.0.0/8'], '::ffff:10.0.0.1')).toBe(false);
  });

  it('NotIpAddress is NOR over blocks and true on an absent key', () => {
    expect(check('NotIpAddress', ['10.0.0.0/8', '192.168.0.0/16'], '172.16.0.1')).toBe(true);
    expect(check('NotIpAddress', ['10.0.0.0/8', '192.168.0.0/16'], '192.168.1.1')).toBe(false);
    expect(check('NotIpAddress', ['10.0.0.0/8'], undefined)).toBe(true);
    expect(check('NotIpAddress', ['10.0.0.0/8'], 'garbage')).toBe(false);
  });
});
