import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyShards, ShardedDraft, type Shards, shardGet, shardKeys, shardValues } from "./shards.js";

const hexKey = fc
  .bigInt({ min: 0n, max: (1n << 160n) - 1n })
  .map((n) => `0x${n.toString(16).padStart(40, "0")}`);

describe("shards", () => {
  it("behaves as a map, and writing a draft never changes the table it started from", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), hexKey, fc.integer()), { maxLength: 200 }),
        fc.array(fc.tuple(fc.boolean(), hexKey, fc.integer()), { maxLength: 200 }),
        (first, second) => {
          const model = new Map<string, number>();
          const apply = (table: Shards<number>, ops: typeof first) => {
            const draft = new ShardedDraft(table);
            for (const [remove, key, value] of ops) {
              if (remove) {
                draft.delete(key);
                model.delete(key);
              } else {
                draft.set(key, value);
                model.set(key, value);
              }
              expect(draft.get(key)).toBe(model.get(key));
            }
            return draft.finish();
          };
          const a = apply(emptyShards(), first);
          const snapshotA = new Map(model);
          const b = apply(a, second);
          expect(new Map([...shardKeys(a)].map((k) => [k, shardGet(a, k)]))).toEqual(snapshotA);
          expect(new Map([...shardKeys(b)].map((k) => [k, shardGet(b, k)]))).toEqual(model);
          expect([...shardValues(b)].length).toBe(model.size);
        },
      ),
    );
  });

  it("shares every leaf a draft did not write", () => {
    const key1 = `0x${"1".repeat(40)}`;
    const key2 = `0x${"2".repeat(40)}`;
    const draft = new ShardedDraft<number>(emptyShards());
    draft.set(key1, 1);
    draft.set(key2, 2);
    const a = draft.finish();
    const next = new ShardedDraft(a);
    next.set(key1, 10);
    const b = next.finish();
    expect(shardGet(a, key1)).toBe(1);
    expect(shardGet(b, key1)).toBe(10);
    // key2's branch was not written: the same array object in both tables.
    expect(b[0x22]).toBe(a[0x22]);
    expect(new ShardedDraft(b).finish()).toBe(b);
  });
});
