import { describe, expect, it } from 'vitest';
import { timeOrderedUuid, timeOrderedUuids } from './time-ordered-uuid.js';

describe('timeOrderedUuid', () => {
  it('reproduces RFC 9562 Appendix A.6 (UUIDv7 example)', () => {
    // unix_ts_ms 0x017F22E279B0, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    const random = Uint8Array.from([0x0c, 0xc3, 0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);
    expect(timeOrderedUuid(0x017f22e279b0, random)).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    const id = timeOrderedUuid(1_764_360_000_000, new Uint8Array(10).fill(0xff));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id.slice(19, 21)).toBe('bf');
  });

  it('sorts by time as text', () => {
    const zeros = new Uint8Array(10);
    const ones = new Uint8Array(10).fill(0xff);
    expect(timeOrderedUuid(1_000, ones) < timeOrderedUuid(1_001, zeros)).toBe(true);
  });

  it('refuses too few random bytes and timestamps outside 48 bits', () => {
    expect(() => timeOrderedUuid(0, new Uint8Array(9))).toThrow(RangeError);
    expect(() => timeOrderedUuid(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => timeOrderedUuid(-1, new Uint8Array(10))).toThrow(RangeError);
  });
});

describe('timeOrderedUuids', () => {
  it('uses each drawn byte once, ten per id, drawing again when the pool runs out', () => {
    let draws = 0;
    // Byte i of a draw is i % 256, except that the fifth and sixth bytes of every ten number their ten.
    const byteAt = (i: number) =>
      i % 10 === 4 ? Math.floor(i / 10) % 256 : i % 10 === 5 ? Math.floor(i / 2560) : i % 256;
    const uuid = timeOrderedUuids((length) => {
      draws++;
      return Uint8Array.from({ length }, (_, i) => byteAt(i));
    });
    const ids = Array.from({ length: 410 }, () => uuid(0x017f22e279b0));
    expect(new Set(ids.slice(0, 409)).size).toBe(409);
    expect(ids[0]).toBe(
      timeOrderedUuid(
        0x017f22e279b0,
        Uint8Array.from({ length: 10 }, (_, i) => byteAt(i)),
      ),
    );
    expect(ids[1]).toBe(
      timeOrderedUuid(
        0x017f22e279b0,
        Uint8Array.from({ length: 10 }, (_, i) => byteAt(10 + i)),
      ),
    );
    expect(draws).toBe(2);
    expect(ids[409]).toBe(ids[0]);
  });

  it('formats alternating timestamps each with its own time', () => {
    const uuid = timeOrderedUuids((length) => new Uint8Array(length));
    expect(uuid(0x017f22e279b0).slice(0, 13)).toBe('017f22e2-79b0');
    expect(uuid(0x017f22e279b1).slice(0, 13)).toBe('017f22e2-79b1');
    expect(uuid(0x017f22e279b0).slice(0, 13)).toBe('017f22e2-79b0');
  });
});
