// A persistent hash map for the projection's large tables (accounts, messages, seen logs): a
// two-level trie of plain Maps, indexed by the last four hex digits of the (lowercase hex) key:
// 256 branches of 256 leaves. A write copies one leaf Map and the branch above it, so a call that
// touches k keys copies about k small maps, not the table (a million keys: ~15 a leaf); reads are
// two array loads and a Map lookup.

const BRANCHES = 256;
const LEAVES = 256;

/** A leaf: the entries whose keys end in the same four hex digits. */
type Leaf<V> = ReadonlyMap<string, V>;
/** A branch: 256 leaves by the last two hex digits. */
type Branch<V> = readonly (Leaf<V> | undefined)[];

/** A large map split into 256 x 256 leaf maps by the last four hex digits of its key. */
export type Shards<V> = readonly (Branch<V> | undefined)[];

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

function hexDigit(code: number): number {
  // '0'-'9' are 48-57, 'a'-'f' are 97-102; anything else (never for normalized hex) folds into range.
  return (code <= 57 ? code - 48 : code - 87) & 15;
}

/** Branch index: the third- and fourth-last hex digits. */
function high(key: string): number {
  const n = key.length;
  return (hexDigit(key.charCodeAt(n - 4)) << 4) | hexDigit(key.charCodeAt(n - 3));
}

/** Leaf index within the branch: the last two hex digits. */
function low(key: string): number {
  const n = key.length;
  return (hexDigit(key.charCodeAt(n - 2)) << 4) | hexDigit(key.charCodeAt(n - 1));
}

/** An empty table. */
export function emptyShards<V>(): Shards<V> {
  return new Array<Branch<V> | undefined>(BRANCHES).fill(undefined);
}

/** The value of `key`. */
export function shardGet<V>(shards: Shards<V>, key: string): V | undefined {
  return shards[high(key)]?.[low(key)]?.get(key);
}

/** Every value of the table. */
export function* shardValues<V>(shards: Shards<V>): Generator<V> {
  for (const branch of shards) for (const leaf of branch ?? []) if (leaf !== undefined) yield* leaf.values();
}

/** Every key of the table. */
export function* shardKeys<V>(shards: Shards<V>): Generator<string> {
  for (const branch of shards) for (const leaf of branch ?? []) if (leaf !== undefined) yield* leaf.keys();
}

/** A table being written by one applyEvents call: leaves and branches are copied on first write. */
export class ShardedDraft<V> {
  private readonly base: Shards<V>;
  /** Branches copied by this call, by index. */
  private readonly branches: ((Leaf<V> | undefined)[] | undefined)[] = new Array(BRANCHES).fill(undefined);
  /** Leaves copied by this call, by high * 256 + low. */
  private readonly leaves = new Map<number, Map<string, V>>();

  constructor(base: Shards<V>) {
    this.base = base;
  }

  get(key: string): V | undefined {
    const h = high(key);
    return (this.branches[h] ?? this.base[h])?.[low(key)]?.get(key);
  }

  set(key: string, value: V): void {
    this.leaf(key).set(key, value);
  }

  delete(key: string): void {
    this.leaf(key).delete(key);
  }

  private leaf(key: string): Map<string, V> {
    const h = high(key);
    const l = low(key);
    const id = (h << 8) | l;
    let leaf = this.leaves.get(id);
    if (leaf !== undefined) return leaf;
    let branch = this.branches[h];
    if (branch === undefined) {
      branch = this.base[h]?.slice() ?? new Array<Leaf<V> | undefined>(LEAVES).fill(undefined);
      this.branches[h] = branch;
    }
    leaf = new Map(branch[l] ?? EMPTY);
    branch[l] = leaf;
    this.leaves.set(id, leaf);
    return leaf;
  }

  /** The table after this call's writes (sharing every branch and leaf it did not write). */
  finish(): Shards<V> {
    if (this.leaves.size === 0) return this.base;
    return this.branches.map((branch, i) => branch ?? this.base[i]);
  }
}
