/**
 * @module core/iam/statement-positions
 * Where each statement of a policy document starts and ends (1-based line and column), as the IAM simulation APIs
 * report in `MatchedStatements[].StartPosition/EndPosition`. A small scanner over the JSON text: it tracks strings
 * and nesting only, and trusts that the document was already validated.
 */

/** A line/column position, 1-based, as the IAM `Position` shape has it. */
export interface TextPosition {
  readonly Line: number;
  readonly Column: number;
}

/** The span of one statement. */
export interface StatementSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/**
 * The spans of the statements of `document`, in order (one for a single-object `Statement`).
 *
 * @example
 * statementSpans('{"Statement":[{"Effect":"Allow"}]}')[0]; // { start: { Line: 1, Column: 15 }, end: { Line: 1, Column: 32 } }
 */
export function statementSpans(document: string): StatementSpan[] {
  const spans: StatementSpan[] = [];
  let line = 1;
  let column = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastKey = '';
  let statementDepth = -1; // depth at which statement objects open (2 for an array, 1 for a single object)
  let open: TextPosition | undefined;
  for (let i = 0; i < document.length; i += 1) {
    const c = document[i];
    if (c === '\n') {
      line += 1;
      column = 0;
      continue;
    }
    column += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastKey = document.slice(stringStart + 1, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      stringStart = i;
    } else if (c === '{' || c === '[') {
      depth += 1;
      if (depth === 2 && lastKey === 'Statement' && statementDepth < 0) statementDepth = c === '[' ? 3 : 2;
      if (c === '{' && depth === statementDepth) open = { Line: line, Column: column };
    } else if (c === '}' || c === ']') {
      if (c === '}' && depth === statementDepth && open) {
        spans.push({ start: open, end: { Line: line, Column: column } });
        open = undefined;
      }
      if (depth === 2 && statementDepth > 0) statementDepth = -2; // the Statement value is closed
      depth -= 1;
    } else if (c === ',' && depth === 1) {
      lastKey = '';
    }
  }
  return spans;
}
