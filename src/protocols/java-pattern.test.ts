import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileJavaPattern, javaPatternSource } from './java-pattern.js';

describe('javaPatternSource', () => {
  it('drops Java-only identity escapes and keeps JavaScript syntax escapes', () => {
    expect(javaPatternSource('[\\w+=,.@\\:-]*')).toBe('[\\w+=,.@:-]*');
    expect(javaPatternSource('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+')).toBe('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    expect(javaPatternSource('a\\.b\\/c')).toBe('a\\.b\\/c');
  });
});

describe('compileJavaPattern', () => {
  it('anchors the whole value like Java matches()', () => {
    const sessionName = compileJavaPattern('[\\w+=,.@-]*');
    expect(sessionName.test('my-session@x')).toBe(true);
    expect(sessionName.test('bad/name')).toBe(false);
    expect(compileJavaPattern('a|b').test('ab')).toBe(false);
  });

  it('understands Unicode property classes', () => {
    const tagKey = compileJavaPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    expect(tagKey.test('Größe 1')).toBe(true);
    expect(tagKey.test('a\u00A0b')).toBe(true);
    expect(tagKey.test('bad*key')).toBe(false);
  });

  it("keeps Java's reading of \\u10000 (astral characters fail STS arnType, as on AWS)", () => {
    const arn = compileJavaPattern(
      '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
    );
    expect(arn.test('arn:aws:iam::000000000000:role/é')).toBe(true);
    expect(arn.test('\u{1F600}')).toBe(false);
  });

  it('compiles every pattern of the shipped models', () => {
    let count = 0;
    for (const service of ['iam', 'sts', 's3']) {
      const json = JSON.parse(
        readFileSync(new URL(`../../models/${service}/service-2.json`, import.meta.url), 'utf8'),
      ) as {
        shapes: Record<string, { pattern?: string }>;
      };
      for (const shape of Object.values(json.shapes)) {
        if (shape.pattern === undefined) continue;
        expect(() => compileJavaPattern(shape.pattern as string), shape.pattern).not.toThrow();
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(40);
  });
});
