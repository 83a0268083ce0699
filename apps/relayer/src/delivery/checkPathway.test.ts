import type { UlnConfig } from "@ballast/sdk";
import { describe, expect, test } from "vitest";
import {
  checkPathway,
  DEVNET_PATHWAY_POLICY,
  type PathwayConfig,
  PRODUCTION_PATHWAY_POLICY,
} from "./checkPathway.js";

const RECEIVE_LIBRARY = "0x00000000000000000000000000000000000000aa";
const SEND_LIBRARY = "0x00000000000000000000000000000000000000bb";
const uln = (
  requiredDVNCount: number,
  optionalDVNThreshold = 0,
  optionalDVNCount = optionalDVNThreshold,
) => ({
  confirmations: 15n,
  requiredDVNCount,
  optionalDVNCount,
  optionalDVNThreshold,
  requiredDVNs: [],
  optionalDVNs: [],
});
/** Pinned libraries on both ends, a ULN with 2 required DVNs: what production accepts. */
const SAFE: PathwayConfig = {
  receiveLibrary: RECEIVE_LIBRARY,
  isDefaultReceiveLibrary: false,
  uln: uln(2),
  graceLibrary: undefined,
  sendLibrary: SEND_LIBRARY,
  isDefaultSendLibrary: false,
};
const production = (config: Partial<PathwayConfig>) =>
  checkPathway({ ...SAFE, ...config }, PRODUCTION_PATHWAY_POLICY);
const devnet = (config: Partial<PathwayConfig>) =>
  checkPathway({ ...SAFE, ...config }, DEVNET_PATHWAY_POLICY);

const DEFAULT_RECEIVE = "the receiver follows LayerZero's default receive library (not pinned)";
const DEFAULT_SEND = "the sender follows LayerZero's default send library (not pinned)";
const NO_SEND = "no send library on the source endpoint: the sender cannot send";
const NOT_ULN = "its receive library is not a ULN: no DVN verifies it";
const requiredDvns = (n: number) =>
  `only ${n} required DVN${n === 1 ? "" : "s"} (optional DVNs do not count), at least 2 needed`;

describe("checkPathway", () => {
  test("pinned libraries and 2 required DVNs pass production, and devnet, without a warning", () => {
    for (const config of [uln(2), uln(3), uln(2, 1, 3)]) {
      expect(production({ uln: config })).toEqual({ refusals: [], warnings: [] });
      expect(devnet({ uln: config })).toEqual({ refusals: [], warnings: [] });
    }
  });

  test("no receive library is refused under either policy", () => {
    const none = { receiveLibrary: undefined, isDefaultReceiveLibrary: true, uln: undefined };
    expect(production(none)).toEqual({ refusals: ["no receive library"], warnings: [] });
    expect(devnet(none)).toEqual({ refusals: ["no receive library"], warnings: [] });
  });

  test("a receiver on LayerZero's default receive library: refused in production, a warning on a devnet", () => {
    expect(production({ isDefaultReceiveLibrary: true })).toEqual({
      refusals: [DEFAULT_RECEIVE],
      warnings: [],
    });
    expect(devnet({ isDefaultReceiveLibrary: true })).toEqual({ refusals: [], warnings: [DEFAULT_RECEIVE] });
  });

  test("a sender on LayerZero's default send library, or with none: refused in production, a warning on a devnet", () => {
    expect(production({ isDefaultSendLibrary: true })).toEqual({ refusals: [DEFAULT_SEND], warnings: [] });
    expect(devnet({ isDefaultSendLibrary: true })).toEqual({ refusals: [], warnings: [DEFAULT_SEND] });
    const none = { sendLibrary: undefined, isDefaultSendLibrary: true };
    expect(production(none)).toEqual({ refusals: [NO_SEND], warnings: [] });
    expect(devnet(none)).toEqual({ refusals: [], warnings: [NO_SEND] });
  });

  test("fewer than 2 required DVNs: refused in production however many optional DVNs there are", () => {
    const cases: [UlnConfig, number][] = [
      [uln(1), 1],
      [uln(1, 1), 1], // 1 required + 1 of 1 optional: two DVNs verify, but only one is required
      [uln(1, 3, 5), 1],
      [uln(0, 2, 2), 0],
    ];
    for (const [config, required] of cases) {
      expect(production({ uln: config })).toEqual({ refusals: [requiredDvns(required)], warnings: [] });
      expect(devnet({ uln: config })).toEqual({ refusals: [], warnings: [requiredDvns(required)] });
    }
  });

  test("a previous receive library still in its grace period: refused in production, a warning on a devnet", () => {
    const grace = { graceLibrary: { library: SEND_LIBRARY, expiry: 1_234n } };
    const message = `its previous receive library ${SEND_LIBRARY} still verifies packets until block 1234 (grace period)`;
    expect(production(grace)).toEqual({ refusals: [message], warnings: [] });
    expect(devnet(grace)).toEqual({ refusals: [], warnings: [message] });
  });

  test("a receive library that is not a ULN: refused in production, a warning on a devnet", () => {
    expect(production({ uln: undefined })).toEqual({ refusals: [NOT_ULN], warnings: [] });
    expect(devnet({ uln: undefined })).toEqual({ refusals: [], warnings: [NOT_ULN] });
  });

  test("a stricter policy than production's names its own minimum", () => {
    const strict = { ...PRODUCTION_PATHWAY_POLICY, minRequiredDvns: 3 };
    expect(checkPathway(SAFE, strict)).toEqual({
      refusals: ["only 2 required DVNs (optional DVNs do not count), at least 3 needed"],
      warnings: [],
    });
    expect(checkPathway({ ...SAFE, uln: uln(3) }, strict)).toEqual({ refusals: [], warnings: [] });
  });

  test("every unsafe setting at once (the devnet's SimpleMessageLib defaults) is reported, each once", () => {
    const defaults: PathwayConfig = {
      receiveLibrary: RECEIVE_LIBRARY,
      isDefaultReceiveLibrary: true,
      uln: undefined,
      graceLibrary: undefined,
      sendLibrary: SEND_LIBRARY,
      isDefaultSendLibrary: true,
    };
    expect(checkPathway(defaults, PRODUCTION_PATHWAY_POLICY)).toEqual({
      refusals: [DEFAULT_RECEIVE, NOT_ULN, DEFAULT_SEND],
      warnings: [],
    });
    expect(checkPathway(defaults, DEVNET_PATHWAY_POLICY)).toEqual({
      refusals: [],
      warnings: [DEFAULT_RECEIVE, NOT_ULN, DEFAULT_SEND],
    });
  });
});
