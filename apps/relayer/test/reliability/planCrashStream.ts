import type { SeededRandom } from "../support/seededRandom.js";

/** A chain of the 2-chain devnet, named for its vault: a LOCK goes vault -> the other chain's ledger, a RELEASE back. */
export type VaultChain = "a" | "b";

/** One message of the stream: who sends it, which kind, on which lane, how much (raw USDC units). */
export interface PlannedMessage {
  /** Position in the stream (0-based). */
  index: number;
  /** Index of the funded user sending it. */
  user: number;
  /** LOCK: `lock` on the vault of `vault`; RELEASE: `requestRelease` on the other chain's ledger, paid on `vault`. */
  kind: "LOCK" | "RELEASE";
  vault: VaultChain;
  amount: bigint;
}

/** Parameters of {@link planCrashStream}. */
export interface PlanCrashStreamParameters {
  random: SeededRandom;
  /** How many users send (indexes 0 to users - 1). */
  users: number;
  /** How many messages in all (at least `2 * users`: the leading LOCKs). */
  messages: number;
  /** The chance that a message after the leading LOCKs is a RELEASE (when its lane has credit left); default 0.4. */
  releaseShare?: number | undefined;
}

/** USDC has 6 decimals. */
const USDC = 1_000_000n;
/** The leading LOCK of each user and lane: 5,000 to 10,000 USDC. */
const LEADING_MIN = 5_000n * USDC;
const LEADING_MAX = 10_000n * USDC;
/** Any other LOCK, and the most a RELEASE takes: 1 to 1,000 USDC, any raw amount between. */
const LOCK_MIN = USDC;
const LOCK_MAX = 1_000n * USDC;

const VAULTS: readonly VaultChain[] = ["a", "b"];

/** A bigint in [min, max] (the span fits in a double's 53 bits: amounts of this stream do). */
function randomAmount(random: SeededRandom, min: bigint, max: bigint): bigint {
  if (max - min >= 2n ** 53n) throw new RangeError(`span of [${min}, ${max}] too large`);
  return min + BigInt(random.between(0, Number(max - min)));
}

/**
 * A random stream of LOCKs and RELEASEs of USDC between the two chains. It opens with one LOCK per
 * user and lane (the leading LOCKs, in random order); after them each message is a LOCK or a
 * RELEASE of a random user and lane. A RELEASE spends only its lane's leading LOCK (minus the
 * user's earlier RELEASEs there), so it is valid once that one LOCK is delivered (the ledger
 * debits a RELEASE when it is requested), however far behind a killed relayer is on the others.
 *
 * @example
 * const plan = planCrashStream({ random: seededRandom(7), users: 7, messages: 200 });
 */
export function planCrashStream(parameters: PlanCrashStreamParameters): PlannedMessage[] {
  const { random, users, messages, releaseShare = 0.4 } = parameters;
  if (messages < 2 * users)
    throw new RangeError(`${messages} messages: fewer than the ${2 * users} leading LOCKs`);
  const lanes = VAULTS.flatMap((vault) => Array.from({ length: users }, (_, user) => ({ user, vault })));
  // Fisher-Yates: the leading LOCKs in a random order.
  for (let i = lanes.length - 1; i > 0; i--) {
    const j = random.between(0, i);
    const [x, y] = [lanes[i], lanes[j]];
    if (x === undefined || y === undefined) throw new Error("unreachable");
    [lanes[i], lanes[j]] = [y, x];
  }
  /** Releasable credit per lane: the leading LOCK minus the RELEASEs so far. */
  const credit = new Map<string, bigint>();
  const plan: PlannedMessage[] = lanes.map(({ user, vault }, index) => {
    const amount = randomAmount(random, LEADING_MIN, LEADING_MAX);
    credit.set(`${user}:${vault}`, amount);
    return { index, user, kind: "LOCK", vault, amount };
  });
  for (let index = plan.length; index < messages; index++) {
    const user = random.between(0, users - 1);
    const vault = VAULTS[random.between(0, 1)] ?? "a";
    const key = `${user}:${vault}`;
    const available = credit.get(key) ?? 0n;
    if (available > 0n && random.next() < releaseShare) {
      const amount = randomAmount(random, 1n, available < LOCK_MAX ? available : LOCK_MAX);
      credit.set(key, available - amount);
      plan.push({ index, user, kind: "RELEASE", vault, amount });
    } else {
      plan.push({ index, user, kind: "LOCK", vault, amount: randomAmount(random, LOCK_MIN, LOCK_MAX) });
    }
  }
  return plan;
}

/**
 * What the stream moves, per vault chain and user: USDC locked minus USDC released. Once every
 * message is delivered it is what left the user's wallet on that chain, the user's balance on the
 * other chain's ledger for this vault, and (summed over users) what the vault holds locked.
 */
export function netLocked(plan: readonly PlannedMessage[], users: number): Record<VaultChain, bigint[]> {
  const net: Record<VaultChain, bigint[]> = {
    a: Array.from({ length: users }, () => 0n),
    b: Array.from({ length: users }, () => 0n),
  };
  for (const { user, kind, vault, amount } of plan) {
    const lane = net[vault];
    lane[user] = (lane[user] ?? 0n) + (kind === "LOCK" ? amount : -amount);
  }
  return net;
}
