import { describe, expect, it } from 'vitest';
import { statementSpans } from './statement-positions.js';

describe('statementSpans', () => {
  it('finds each statement of an array, across lines', () => {
    const doc =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow"},\n    {\n      "Sid": "x{"\n    }\n  ]\n}';
    expect(statementSpans(doc)).toEqual([
      { start: { Line: 4, Column: 5 }, end: { Line: 4, Column: 23 } },
      { start: { Line: 5, Column: 5 }, end: { Line: 7, Column: 5 } },
    ]);
  });

  it('finds a single-object statement and ignores nested objects', () => {
    const doc = '{"Statement":{"Effect":"Allow","Condition":{"Bool":{"aws:SecureTransport":"true"}}},"Id":"a"}';
    expect(statementSpans(doc)).toEqual([{ start: { Line: 1, Column: 14 }, end: { Line: 1, Column: 83 } }]);
  });

  it('does not mistake a nested "Statement" key for the top-level one', () => {
    const doc = '{"Id":"x","Other":{"Statement":[{"a":1}]},"Statement":[{"b":2}]}';
    expect(statementSpans(doc)).toEqual([{ start: { Line: 1, Column: 56 }, end: { Line: 1, Column: 62 } }]);
  });
});
