/**
 * The kinds of record a route's `:id` may name, and who declared each: the engines' own here, each
 * program's from its face (`resources`, registered by the programs' list). The server refuses a
 * route naming a kind nobody declared, and the scope walk substitutes another county's record of
 * each kind.
 */
/** The kind of record a route's `:id` names. */
export type ResourceKind = string;

const resourceKinds = new Map<ResourceKind, { owner: string; meaning: string }>();

export function registerResourceKinds(owner: string, kinds: Readonly<Record<ResourceKind, string>>): void {
  for (const [kind, meaning] of Object.entries(kinds)) {
    const known = resourceKinds.get(kind);
    if (known && known.owner !== owner) throw new Error(`Resource kind "${kind}" is declared by both ${known.owner} and ${owner}`);
    resourceKinds.set(kind, { owner, meaning });
  }
}

/** Every declared kind, with who declared it and what it is. */
export function listResourceKinds(): { kind: ResourceKind; owner: string; meaning: string }[] {
  return [...resourceKinds].map(([kind, k]) => ({ kind, ...k }));
}

registerResourceKinds('engines', {
  org_unit: '组织单位',
  user: '用户',
  import_job: '导入任务',
  fund: '资金账户',
  ledger_entry: '资金流水',
});

export function isKnownResourceKind(kind: ResourceKind): boolean {
  return resourceKinds.has(kind);
}
