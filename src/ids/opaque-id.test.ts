import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintOpaqueId } from './opaque-id.js';

describe('mintOpaqueId', () => {
  it('never starts with "-", which the AWS CLI would read as an option', () => {
    // 0xf8 = 0b111110_00: plain base64url starts with '-'.
    const bytes = Buffer.alloc(24, 0xf8);
    expect(bytes.toString('base64url').startsWith('-')).toBe(true);
    const id = mintOpaqueId(bytes);
    expect(id).toMatch(/^A[A-Za-z0-9_-]{31}$/);
    expect(id.slice(1)).toBe(bytes.toString('base64url').slice(1));
  });

  it('is the base64url of its bytes otherwise, of the same length, over any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 48 }), (bytes) => {
        const plain = Buffer.from(bytes).toString('base64url');
        const id = mintOpaqueId(bytes);
        expect(id.startsWith('-')).toBe(false);
        expect(id.length).toBe(plain.length);
        expect(id.slice(1)).toBe(plain.slice(1));
        if (!plain.startsWith('-')) expect(id).toBe(plain);
      }),
    );
  });

  it('encodes only the bytes of its view, not the rest of the buffer behind it', () => {
    const backing = Buffer.alloc(64, 0xff);
    backing.fill(0x41, 8, 32);
    expect(mintOpaqueId(backing.subarray(8, 32))).toBe(Buffer.alloc(24, 0x41).toString('base64url'));
  });
});
