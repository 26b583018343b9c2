/**
 * @module storage/sqlite/audit-draft-lines
 * How the event loop hands audit drafts (core/audit/audit-draft.ts, `AuditDraft`) to the SQLite writer thread: as
 * JSON text, staged as UTF-8 bytes the moment each request is recorded and transferred with its batch, so nothing of
 * a request waits on the loop's heap and the records are written on the other thread (sqlite-audit-thread.ts).
 *
 * A batch's text is one JSON array per line (JSON text never holds a raw newline). A draft is an array of the fields that change from
 * request to request (time, request and event ids, error, elements); what it shares with the drafts before it (the
 * caller's `userIdentity`, the operation, the client, the resources and authorized actions: its context) is sent as
 * a definition, `[0, id, context]`, when it changes, and referred to by id. Writing a draft is then a short line, not
 * a record's worth of text. Each batch starts a new set of ids, so a batch that fails, or a writer thread that is
 * replaced, never leaves the other side with an id it does not know.
 */

import { type AuditDraft, type AuthorizedAction, jsonString, sameAuthorized } from '../../core/audit/index.js';

/** The item tags. */
const DEFINE = 0;
const DRAFT = 1;

/** `null` or a JSON string literal. */
const nullable = (text: string | null): string => (text === null ? 'null' : jsonString(text));

/** A member's JSON text as a JSON string; `null`, the commonest, written as it is. */
const textOf = (json: string): string => (json === 'null' ? 'null' : JSON.stringify(json));

/**
 * What a draft shares with the requests around it: who made it (identity, key, user, role), the operation and where
 * it came from, what it named and was allowed. Under load most drafts share all of it with the one before.
 */
type Context = [
  identity: string,
  accessKeyId: string | null,
  service: string,
  operation: string,
  region: string,
  sourceIp: string,
  userAgent: string,
  additionalJson: string | null,
  resourcesJson: string | null,
  resources: AuditDraft['resources'],
  recipients: readonly string[],
  username: string | null,
  roleName: string | null,
  authorized: readonly AuthorizedAction[],
];

function sameRecipients(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `draft` has the context of the draft that defined `context`. */
function sameContext(context: AuditDraft, draft: AuditDraft): boolean {
  return (
    draft.identity === context.identity &&
    draft.operation === context.operation &&
    draft.service === context.service &&
    draft.accessKeyId === context.accessKeyId &&
    draft.sourceIp === context.sourceIp &&
    draft.userAgent === context.userAgent &&
    draft.region === context.region &&
    draft.resources === context.resources &&
    draft.resourcesJson === context.resourcesJson &&
    draft.additionalJson === context.additionalJson &&
    draft.username === context.username &&
    draft.roleName === context.roleName &&
    sameRecipients(draft.recipients, context.recipients) &&
    sameAuthorized(draft.authorized, context.authorized)
  );
}

/**
 * Writes drafts as batch text. `line` returns each draft's lines (its context's definition first, when needed);
 * `reset` starts the next batch.
 *
 * @example
 * const lines = new DraftLineWriter();
 * staged.write(lines.line(draft));
 * // …on commit: post the staged text, then
 * lines.reset();
 */
export class DraftLineWriter {
  #next = 0;
  /** The draft that defined the last context sent in this batch, and its id. */
  #context: AuditDraft | undefined;
  #contextId = -1;

  /**
   * The draft as batch text: `[1, context, time, requestId, eventId(s)]`, then only if any is present the shared
   * event id, error code and message, and request and response elements; preceded by its context's definition
   * (`[0, id, [...]]`) when that differs from the last draft's.
   */
  line(draft: AuditDraft): string {
    let out = '';
    if (this.#context === undefined || !sameContext(this.#context, draft)) {
      this.#context = draft;
      this.#contextId = this.#next++;
      const context: Context = [
        draft.identity,
        draft.accessKeyId,
        draft.service,
        draft.operation,
        draft.region,
        draft.sourceIp,
        draft.userAgent,
        draft.additionalJson,
        draft.resourcesJson,
        draft.resources,
        draft.recipients,
        draft.username,
        draft.roleName,
        draft.authorized,
      ];
      out += `[${DEFINE},${this.#contextId},${JSON.stringify(context)}]\n`;
    }
    const eventIds = draft.eventIds.length === 1 ? jsonString(draft.eventIds[0] ?? '') : JSON.stringify(draft.eventIds);
    const head = `${out}[${DRAFT},${this.#contextId},${draft.time.getTime()},${jsonString(draft.requestId)},${eventIds}`;
    const plain =
      draft.sharedEventId === null &&
      draft.errorCode === null &&
      draft.errorMessage === null &&
      draft.requestJson === 'null' &&
      draft.responseJson === 'null';
    if (plain) return `${head}]\n`;
    return `${head},${nullable(draft.sharedEventId)},${nullable(draft.errorCode)},${nullable(draft.errorMessage)},${textOf(draft.requestJson)},${textOf(draft.responseJson)}]\n`;
  }

  /** Starts a new batch: its ids start afresh. */
  reset(): void {
    this.#next = 0;
    this.#context = undefined;
    this.#contextId = -1;
  }
}

type Item = readonly unknown[];

const NEWLINE = 0x0a;

/**
 * Visits the drafts of a batch's bytes in order, decoding one line at a time: a batch's text and its parsed items
 * never live on the heap whole, so a draft, once its records are written, is garbage before the next scavenge
 * (decoding the whole batch at once kept hundreds of drafts alive while their records were rendered, and the
 * thread's collector promoted them).
 *
 * @example
 * forEachDraft(bytes, (draft) => stage(eventsOfDraft(draft)));
 */
export function forEachDraft(bytes: Uint8Array, visit: (draft: AuditDraft) => void): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const contexts = new Map<number, Context>();
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf(NEWLINE, start);
    if (end < 0) end = text.length;
    const item = JSON.parse(text.toString('utf8', start, end)) as Item;
    start = end + 1;
    if (item[0] === DEFINE) {
      contexts.set(item[1] as number, item[2] as Context);
      continue;
    }
    const context = contexts.get(item[1] as number);
    if (context === undefined) {
      throw new Error(`audit draft refers to context ${String(item[1])}, which its batch does not define`);
    }
    const eventIds = item[4];
    // Member by member, in one literal: drafts made by spreading a context object parsed as JSON cost the writer
    // thread about 45 µs more per record (`bench/audit-record.mjs`, seventh session), so the context stays a tuple.
    visit({
      identity: context[0],
      accessKeyId: context[1],
      service: context[2],
      operation: context[3],
      region: context[4],
      sourceIp: context[5],
      userAgent: context[6],
      additionalJson: context[7],
      resourcesJson: context[8],
      resources: context[9],
      recipients: context[10],
      username: context[11],
      roleName: context[12],
      authorized: context[13],
      time: new Date(item[2] as number),
      requestId: item[3] as string,
      eventIds: typeof eventIds === 'string' ? [eventIds] : (eventIds as string[]),
      sharedEventId: (item[5] as string | null | undefined) ?? null,
      errorCode: (item[6] as string | null | undefined) ?? null,
      errorMessage: (item[7] as string | null | undefined) ?? null,
      requestJson: (item[8] as string | null | undefined) ?? 'null',
      responseJson: (item[9] as string | null | undefined) ?? 'null',
    });
  }
}
