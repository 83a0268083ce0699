import { type NetworkConfigInput, NIL_CONFIRMATIONS, NIL_DVN_COUNT, parseNetworkConfig } from "@ballast/sdk";
import { describe, expect, test } from "vitest";
import { PathwayConfigError } from "./errors.js";
import { planPathways } from "./planPathways.js";
import { fakeAddress } from "./testing/startUlnChains.js";

type Pathway = NonNullable<NetworkConfigInput["chains"][number]["pathways"]>[number];

const [dvn1, dvn2, dvn3] = [fakeAddress("d1"), fakeAddress("d2"), fakeAddress("d3")];

/** Two chains a (eid 1) and b (eid 2) with the given pathways. */
function network(a: Pathway[], b: Pathway[]) {
  const chain = (name: string, eid: number, pathways: Pathway[]) => ({
    name,
    chainId: eid,
    eid,
    rpcUrls: ["http://127.0.0.1:8545"],
    endpoint: fakeAddress("e1"),
    pathways,
  });
  return parseNetworkConfig({ name: "plan", chains: [chain("a", 1, a), chain("b", 2, b)] });
}

describe("planPathways", () => {
  test("sends with this chain's confirmations, receives with the remote's, DVNs sorted, NIL for none", () => {
    const [fromA, fromB] = planPathways(
      network(
        [{ remoteEid: 2, confirmations: 12, requiredDvns: [dvn3, dvn1], executor: fakeAddress("ee") }],
        [{ remoteEid: 1, confirmations: 0, requiredDvns: [dvn2, dvn1] }],
      ),
    );
    const [toB, toA] = [fromA?.[0], fromB?.[0]];
    expect(toB).toEqual({
      remoteEid: 2,
      send: {
        confirmations: 12n,
        requiredDVNCount: 2,
        optionalDVNCount: NIL_DVN_COUNT,
        optionalDVNThreshold: 0,
        requiredDVNs: [dvn1, dvn3],
        optionalDVNs: [],
      },
      receive: {
        confirmations: NIL_CONFIRMATIONS,
        requiredDVNCount: 2,
        optionalDVNCount: NIL_DVN_COUNT,
        optionalDVNThreshold: 0,
        requiredDVNs: [dvn1, dvn3],
        optionalDVNs: [],
      },
      executor: { maxMessageSize: 0, executor: fakeAddress("ee") },
    });
    expect(toA?.send.confirmations).toBe(NIL_CONFIRMATIONS);
    expect(toA?.receive.confirmations).toBe(12n);
    expect(toA?.executor).toBeUndefined();
  });

  test("keeps optional DVNs and their threshold", () => {
    const optional = { optionalDvns: [dvn3, dvn2], optionalDvnThreshold: 1 };
    const [fromA] = planPathways(
      network(
        [{ remoteEid: 2, confirmations: 1, requiredDvns: [dvn1], ...optional }],
        [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn1], ...optional }],
      ),
    );
    expect(fromA?.[0]?.send).toMatchObject({
      optionalDVNCount: 2,
      optionalDVNThreshold: 1,
      optionalDVNs: [dvn2, dvn3],
    });
  });

  test.each<[string, Pathway[], Pathway[], string]>([
    [
      "no reverse pathway",
      [{ remoteEid: 2, confirmations: 1, requiredDvns: [dvn1] }],
      [],
      "chain a: pathway to eid 2: chain b has no pathway back to eid 1 (Ballast sends both ways)",
    ],
    [
      "DVN counts that differ from the reverse",
      [{ remoteEid: 2, confirmations: 1, requiredDvns: [dvn1, dvn2] }],
      [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn1] }],
      "chain a: pathway to eid 2: DVNs (2 required, 0 optional, threshold 0) differ from chain b's toward it (1 required, 0 optional, threshold 0)",
    ],
    [
      "a repeated DVN",
      [{ remoteEid: 2, confirmations: 1, requiredDvns: [dvn1, dvn1] }],
      [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn1, dvn2] }],
      `chain a: pathway to eid 2: requiredDvns repeat ${dvn1}`,
    ],
    [
      "optional DVNs with threshold 0",
      [{ remoteEid: 2, confirmations: 1, requiredDvns: [dvn1], optionalDvns: [dvn2] }],
      [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn1], optionalDvns: [dvn2] }],
      "chain a: pathway to eid 2: optionalDvnThreshold must be from 1 to 1, got 0",
    ],
    [
      "the same remote twice",
      [
        { remoteEid: 2, confirmations: 1, requiredDvns: [dvn1] },
        { remoteEid: 2, confirmations: 2, requiredDvns: [dvn1] },
      ],
      [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn1] }],
      "chain a: pathway to eid 2 is given twice",
    ],
  ])("refuses %s", (_, a, b, message) => {
    const config = network(a, b);
    expect(() => planPathways(config)).toThrow(PathwayConfigError);
    expect(() => planPathways(config)).toThrow(message);
  });
});
