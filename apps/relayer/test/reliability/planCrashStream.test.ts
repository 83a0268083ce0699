import { describe, expect, test } from "vitest";
import { seededRandom } from "../support/seededRandom.js";
import { netLocked, type PlannedMessage, planCrashStream } from "./planCrashStream.js";

describe("planCrashStream", () => {
  test("the same seed plans the same stream; another seed another", () => {
    const one = planCrashStream({ random: seededRandom(11), users: 7, messages: 200 });
    expect(planCrashStream({ random: seededRandom(11), users: 7, messages: 200 })).toEqual(one);
    expect(planCrashStream({ random: seededRandom(12), users: 7, messages: 200 })).not.toEqual(one);
  });

  test.each([1, 2, 3, 4, 5])(
    "seed %i: the count asked, one leading LOCK per user and lane, both kinds on both lanes after",
    (seed) => {
      const plan = planCrashStream({ random: seededRandom(seed), users: 7, messages: 200 });
      expect(plan).toHaveLength(200);
      expect(plan.map(({ index }) => index)).toEqual(plan.map((_, i) => i));
      const leading = plan.slice(0, 14);
      expect(leading.every(({ kind }) => kind === "LOCK")).toBe(true);
      expect(new Set(leading.map(({ user, vault }) => `${user}:${vault}`)).size).toBe(14);
      for (const kind of ["LOCK", "RELEASE"] as const) {
        for (const vault of ["a", "b"] as const) {
          expect(plan.filter((m) => m.kind === kind && m.vault === vault).length).toBeGreaterThan(10);
        }
      }
      expect(plan.every(({ amount }) => amount > 0n)).toBe(true);
    },
  );

  test.each([1, 2, 3, 4, 5])("seed %i: every RELEASE is covered by its lane's leading LOCK alone", (seed) => {
    const plan = planCrashStream({ random: seededRandom(seed), users: 7, messages: 200 });
    const released = new Map<string, bigint>();
    for (const message of plan) {
      if (message.kind !== "RELEASE") continue;
      const key = `${message.user}:${message.vault}`;
      const leading = plan.find((m) => m.index < 14 && `${m.user}:${m.vault}` === key);
      const before = released.get(key) ?? 0n;
      expect(message.amount, `message ${message.index}`).toBeLessThanOrEqual(
        (leading?.amount ?? 0n) - before,
      );
      released.set(key, before + message.amount);
    }
  });

  test("fewer messages than leading LOCKs: refused", () => {
    expect(() => planCrashStream({ random: seededRandom(1), users: 7, messages: 13 })).toThrow(RangeError);
  });

  test("netLocked: LOCKs minus RELEASEs per vault chain and user", () => {
    const plan: PlannedMessage[] = [
      { index: 0, user: 0, kind: "LOCK", vault: "a", amount: 100n },
      { index: 1, user: 1, kind: "LOCK", vault: "b", amount: 50n },
      { index: 2, user: 0, kind: "RELEASE", vault: "a", amount: 30n },
      { index: 3, user: 0, kind: "LOCK", vault: "b", amount: 7n },
      { index: 4, user: 1, kind: "RELEASE", vault: "b", amount: 50n },
    ];
    expect(netLocked(plan, 3)).toEqual({ a: [70n, 0n, 0n], b: [7n, 0n, 0n] });
  });
});
