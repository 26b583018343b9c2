/**
 * @module policy/arn-fields
 * Splits an ARN into its six fields the way policy matching needs (IAM-SEMANTICS.md §4.11): the first five
 * colons separate `arn`, partition, service, region and account; everything after the fifth colon is the
 * resource field, which may itself contain `:` and `/`. Kept inside policy/ so the engine stays free of
 * dependencies; `arn/` offers the general-purpose parser.
 */

/** The six fields of an ARN: `[arn, partition, service, region, account, resource]`. */
export type ArnFields = readonly [string, string, string, string, string, string];

/**
 * Splits `text` at its first five colons; `undefined` when it has fewer than five or does not start with `arn:`.
 * @example
 * splitArn('arn:aws:s3:::bucket/a:b'); // ['arn', 'aws', 's3', '', '', 'bucket/a:b']
 */
export function splitArn(text: string): ArnFields | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const c1 = 3;
  const c2 = text.indexOf(':', c1 + 1);
  if (c2 < 0) return undefined;
  const c3 = text.indexOf(':', c2 + 1);
  if (c3 < 0) return undefined;
  const c4 = text.indexOf(':', c3 + 1);
  if (c4 < 0) return undefined;
  const c5 = text.indexOf(':', c4 + 1);
  if (c5 < 0) return undefined;
  return [
    'arn',
    text.slice(c1 + 1, c2),
    text.slice(c2 + 1, c3),
    text.slice(c3 + 1, c4),
    text.slice(c4 + 1, c5),
    text.slice(c5 + 1),
  ];
}

/**
 * The request resource with the positions of its first five colons, found on first use and without slicing,
 * so matching a field costs no allocation. The fields are `partition = [4, c2)`, `service = (c2, c3)`,
 * `region = (c3, c4)`, `account = (c4, c5)` and `resource = (c5, end)`.
 * @example
 * const v = new ArnView('arn:aws:s3:::b/k'); v.isArn(); // true; v.c5 === 12
 */
export class ArnView {
  readonly resource: string;
  c2 = -1;
  c3 = -1;
  c4 = -1;
  c5 = -1;
  /** 0: not looked at yet; 1: an ARN; 2: not an ARN. */
  #state = 0;
  /** The last head tested by {@link ArnView.matchesHead}, and the answer. */
  #head: string | undefined;
  #headMatches = false;
  /** The resource key (see `resource-key.ts`): `undefined` until computed, `null` when not an ARN. */
  #key: string | null | undefined;

  constructor(resource: string) {
    this.resource = resource;
  }

  /** True when the resource has the six ARN fields; computes the colon positions once. */
  isArn(): boolean {
    if (this.#state === 0) this.#state = this.#locate() ? 1 : 2;
    return this.#state === 1;
  }

  /**
   * Whether the first five fields match a pattern's `head` (such as `arn:aws:s3:::` or
   * `arn:aws:ec2:*:111122223333:`), using `test` to decide. Statements of one service tend to share a head, and
   * compiled heads are interned (equal heads are one string), so the answer for the last head is remembered:
   * each distinct head is tested about once per decision.
   */
  matchesHead(head: string, test: (view: ArnView) => boolean): boolean {
    if (head === this.#head) return this.#headMatches;
    this.#head = head;
    this.#headMatches = test(this);
    return this.#headMatches;
  }

  /**
   * The resource up to the first `/` of its resource field (`arn:aws:s3:::bucket` for an object), or
   * `undefined` when the resource is not an ARN. Sliced once per decision, and only when a policy has a list
   * long enough to be split by key.
   */
  resourceKey(): string | undefined {
    if (this.#key === undefined) {
      if (this.isArn()) {
        const slash = this.resource.indexOf('/', this.c5 + 1);
        this.#key = slash < 0 ? this.resource : this.resource.slice(0, slash);
      } else this.#key = null;
    }
    return this.#key ?? undefined;
  }

  #locate(): boolean {
    const text = this.resource;
    if (!text.startsWith('arn:')) return false;
    this.c2 = text.indexOf(':', 4);
    if (this.c2 < 0) return false;
    this.c3 = text.indexOf(':', this.c2 + 1);
    if (this.c3 < 0) return false;
    this.c4 = text.indexOf(':', this.c3 + 1);
    if (this.c4 < 0) return false;
    this.c5 = text.indexOf(':', this.c4 + 1);
    return this.c5 >= 0;
  }
}
