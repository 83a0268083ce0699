import { decodeAbiParameters } from "viem";
import { describe, expect, test } from "vitest";
import {
  decodeUlnConfig,
  encodeUlnConfig,
  NIL_CONFIRMATIONS,
  NIL_DVN_COUNT,
  type UlnConfig,
} from "./ulnConfig.js";

const dvnA = "0x1111111111111111111111111111111111111111";
const dvnB = "0x2222222222222222222222222222222222222222";

describe("ULN config codec", () => {
  test("round-trips, NIL values included", () => {
    const config: UlnConfig = {
      confirmations: NIL_CONFIRMATIONS,
      requiredDVNCount: 2,
      optionalDVNCount: NIL_DVN_COUNT,
      optionalDVNThreshold: 0,
      requiredDVNs: [dvnA, dvnB],
      optionalDVNs: [],
    };
    expect(decodeUlnConfig(encodeUlnConfig(config))).toEqual(config);
  });

  test("encodes abi.encode(UlnConfig): one dynamic tuple", () => {
    const bytes = encodeUlnConfig({
      confirmations: 15n,
      requiredDVNCount: 1,
      optionalDVNCount: 0,
      optionalDVNThreshold: 0,
      requiredDVNs: [dvnA],
      optionalDVNs: [],
    });
    // The head is the offset of the tuple (0x20), then its six fields.
    const [offset, confirmations] = decodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], bytes);
    expect(offset).toBe(32n);
    expect(confirmations).toBe(15n);
  });
});
