import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';

describe('createContext', () => {
  it('lower-cases keys, keeps values and drops undefined entries', () => {
    const ctx = createContext({
      'aws:PrincipalTag/Dept': 'Eng',
      'aws:TagKeys': ['A', 'b'],
      'sts:ExternalId': undefined,
    });
    expect([...ctx.entries()]).toEqual([
      ['aws:principaltag/dept', 'Eng'],
      ['aws:tagkeys', ['A', 'b']],
    ]);
    expect(ctx.has('sts:externalid')).toBe(false);
  });

  it('keeps an empty string and an empty list as present values', () => {
    const ctx = createContext({ 's3:prefix': '', 'aws:TagKeys': [] });
    expect(ctx.get('s3:prefix')).toBe('');
    expect(ctx.get('aws:tagkeys')).toEqual([]);
  });
});
