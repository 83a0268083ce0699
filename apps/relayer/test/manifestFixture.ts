import type { ManifestInput } from "@ballast/sdk";

/** An address made of one repeated hex digit pair (valid, and obviously fake). */
function fakeAddress(byte: number): string {
  return `0x${byte.toString(16).padStart(2, "0").repeat(20)}`;
}

/**
 * A valid manifest of three chains (a, b, c; eids 40101..40103) on loopback URLs nobody serves:
 * for the config tests, which never reach a chain.
 */
export function manifestFixture(): ManifestInput {
  return {
    version: 1,
    network: "devnet",
    chains: ["a", "b", "c"].map((name, index) => ({
      name,
      eid: 40_101 + index,
      chainId: 31_401 + index,
      rpcUrls: [`http://127.0.0.1:${18_545 + index}`],
      startBlock: 0,
      endpoint: fakeAddress(0x10 + index),
      messageLib: fakeAddress(0x20 + index),
      deployer: fakeAddress(0x30),
      owner: fakeAddress(0x30),
      ownershipPending: false,
      guardian: fakeAddress(0x31),
      contracts: {
        collateralVault: fakeAddress(0x40 + index),
        marginLedger: fakeAddress(0x50 + index),
        riskEngine: fakeAddress(0x60 + index),
        perpMarket: fakeAddress(0x70 + index),
      },
      tokens: {
        usdc: fakeAddress(0x80 + index),
        weth: fakeAddress(0x90 + index),
        share: fakeAddress(0xa0 + index),
      },
      feeds: { ethUsd: fakeAddress(0xb0 + index), usdcUsd: fakeAddress(0xc0 + index) },
    })),
  };
}
