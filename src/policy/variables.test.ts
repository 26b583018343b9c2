import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { parseTemplate, resolveTemplate, staticText } from './variables.js';

describe('parseTemplate', () => {
  it('splits text and variables, lower-casing keys', () => {
    expect(parseTemplate('a/${AWS:UserName}/b', 'plain')).toEqual({
      dynamic: true,
      parts: [
        { kind: 'text', text: 'a/' },
        { kind: 'var', key: 'aws:username' },
        { kind: 'text', text: '/b' },
      ],
    });
  });

  it("reads defaults written ${key, 'default'}", () => {
    expect(parseTemplate("${aws:username, 'guest user'}", 'plain').parts).toEqual([
      { kind: 'var', key: 'aws:username', fallback: 'guest user' },
    ]);
  });

  it('resolves escapes at parse time, escaped in glob mode', () => {
    const plain = parseTemplate('x${*}${?}${$}', 'plain');
    expect(plain.dynamic).toBe(false);
    expect(staticText(plain)).toBe('x*?$');
    expect(staticText(parseTemplate('x${*}*', 'glob'))).toBe('x\\**');
  });

  it('leaves malformed references as text', () => {
    expect(staticText(parseTemplate('${unclosed', 'plain'))).toBe('${unclosed');
    expect(staticText(parseTemplate("${a b, 'x'}", 'plain'))).toBe("${a b, 'x'}");
  });
});

describe('resolveTemplate', () => {
  const ctx = createContext({ 'aws:username': 'a*b', 'aws:tagkeys': ['x', 'y'] });

  it('substitutes single values, escaping wildcards in glob mode', () => {
    expect(resolveTemplate(parseTemplate('u/${aws:username}', 'plain'), ctx, 'plain')).toBe('u/a*b');
    expect(resolveTemplate(parseTemplate('u/${aws:username}/*', 'glob'), ctx, 'glob')).toBe('u/a\\*b/*');
  });

  it('is undefined for absent or multi-valued keys without a default', () => {
    const missing: string[] = [];
    expect(
      resolveTemplate(parseTemplate('${aws:userid}', 'plain'), ctx, 'plain', {
        noteMissing: (k: string) => missing.push(k),
      }),
    ).toBeUndefined();
    expect(missing).toEqual(['aws:userid']);
    expect(resolveTemplate(parseTemplate('${aws:TagKeys}', 'plain'), ctx, 'plain')).toBeUndefined();
    expect(resolveTemplate(parseTemplate("${aws:TagKeys, 'd'}", 'plain'), ctx, 'plain')).toBe('d');
  });
});
