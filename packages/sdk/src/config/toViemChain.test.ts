import { describe, expect, test } from "vitest";
import type { ManifestChain } from "./manifestSchema.js";
import { toViemChain } from "./toViemChain.js";

describe("toViemChain", () => {
  test("carries the id, the name and the URLs by scheme", () => {
    // Only the fields toViemChain reads; the rest of a ManifestChain is irrelevant here.
    const chain = {
      chainId: 31_401,
      name: "a",
      rpcUrls: ["http://127.0.0.1:8545", "ws://127.0.0.1:8545"],
    } as ManifestChain;
    const viemChain = toViemChain(chain);
    expect(viemChain.id).toBe(31_401);
    expect(viemChain.name).toBe("a");
    expect(viemChain.rpcUrls.default).toEqual({
      http: ["http://127.0.0.1:8545"],
      webSocket: ["ws://127.0.0.1:8545"],
    });
  });
});
