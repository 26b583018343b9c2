/**
 * @module protocols/query/param-tree
 * Turns flat awsQuery parameters (`Tags.member.1.Key=env`) into a tree keyed by dotted segments, so the
 * decoder can walk it alongside the model. When a name repeats, the first value wins, as AWS does
 * (observed: `RoleArn=a&RoleArn=b` uses `a`).
 */

/** One dotted segment: its own value (if the exact name was sent) and the segments below it. */
export interface ParamNode {
  value: string | undefined;
  readonly children: Map<string, ParamNode>;
}

function emptyNode(): ParamNode {
  return { value: undefined, children: new Map() };
}

/**
 * Builds the tree for every parameter.
 *
 * @example
 * buildParamTree(new URLSearchParams('Tags.member.1.Key=env')).children.get('Tags')?.children.get('member');
 */
export function buildParamTree(params: URLSearchParams): ParamNode {
  const root = emptyNode();
  for (const [name, value] of params) {
    let node = root;
    for (const segment of name.split('.')) {
      let child = node.children.get(segment);
      if (!child) {
        child = emptyNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    if (node.value === undefined) node.value = value;
  }
  return root;
}

/**
 * The children of `node` whose names are list positions (`1`, `2`, …), in numeric order. Positions are
 * 1-based (botocore `QuerySerializer`); `0` and non-numeric names are not list items.
 */
export function indexedChildren(node: ParamNode | undefined): ParamNode[] {
  if (!node) return [];
  return [...node.children.entries()]
    .filter(([segment]) => /^[1-9]\d*$/.test(segment))
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, child]) => child);
}
