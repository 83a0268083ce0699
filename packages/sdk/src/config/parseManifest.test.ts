import { describe, expect, test } from "vitest";
import { ConfigError } from "../errors.js";
import type { ManifestInput } from "./manifestSchema.js";
import { parseManifest } from "./parseManifest.js";
import { serializeManifest } from "./serializeManifest.js";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function chain(index: number): ManifestInput["chains"][number] {
  const base = 100 * (index + 1);
  return {
    name: `chain-${index}`,
    eid: 40_101 + index,
    chainId: 31_401 + index,
    rpcUrls: [`http://127.0.0.1:${8545 + index}`],
    startBlock: "1",
    endpoint: address(base + 1),
    messageLib: address(base + 2),
    deployer: address(base + 3),
    owner: address(base + 3),
    ownershipPending: false,
    guardian: null,
    contracts: {
      collateralVault: address(base + 4),
      marginLedger: address(base + 5),
      riskEngine: address(base + 6),
      perpMarket: address(base + 7),
    },
    tokens: { usdc: address(base + 8), weth: address(base + 9), share: address(base + 10) },
    feeds: { ethUsd: address(base + 11), usdcUsd: address(base + 12) },
  };
}

const valid = (): ManifestInput => ({ version: 1, network: "devnet", chains: [chain(0), chain(1)] });

function issuesOf(input: unknown): string[] {
  try {
    parseManifest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map(({ path, message }) => `${path}: ${message}`); // asserted above
  }
  throw new Error("parsed");
}

describe("parseManifest", () => {
  test("parses addresses to checksummed form and block numbers to bigint", () => {
    const input = valid();
    const lower = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    input.chains[0] = { ...chain(0), endpoint: lower, startBlock: 7 };
    const manifest = parseManifest(input);
    expect(manifest.chains[0]?.endpoint).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(manifest.chains[0]?.startBlock).toBe(7n);
    expect(manifest.chains[1]?.startBlock).toBe(1n);
  });

  test("round-trips through serializeManifest", () => {
    const manifest = parseManifest({
      ...valid(),
      chains: [{ ...chain(0), startBlock: "18446744073709551617" }],
    });
    const again = parseManifest(JSON.parse(serializeManifest(manifest)));
    expect(again).toEqual(manifest);
    expect(again.chains[0]?.startBlock).toBe(2n ** 64n + 1n);
  });

  test("names the bad field", () => {
    const input = valid();
    input.chains[1] = { ...chain(1), contracts: { ...chain(1).contracts, marginLedger: "0x1234" } };
    expect(issuesOf(input)).toEqual(["chains[1].contracts.marginLedger: not an EVM address"]);
    expect(() => parseManifest(input)).toThrow(/chains\[1\]\.contracts\.marginLedger: not an EVM address/);
  });

  test("refuses repeated eids, chain ids and names", () => {
    expect(issuesOf({ ...valid(), chains: [chain(0), chain(0)] })).toEqual([
      "chains[1].name: repeats chain-0",
      "chains[1].eid: repeats 40101",
      "chains[1].chainId: repeats 31401",
    ]);
  });

  test("refuses unknown keys, a missing chain list, a wrong version and bad URLs", () => {
    expect(issuesOf({ ...valid(), extra: 1 })).toEqual([': Unrecognized key: "extra"']);
    expect(issuesOf({ ...valid(), chains: [] })[0]).toMatch(/^chains: /);
    expect(issuesOf({ ...valid(), version: 2 })[0]).toMatch(/^version: /);
    expect(issuesOf({ ...valid(), chains: [{ ...chain(0), rpcUrls: ["ftp://x"] }] })).toEqual([
      "chains[0].rpcUrls[0]: not an http(s) or ws(s) URL",
    ]);
    expect(issuesOf({ ...valid(), chains: [{ ...chain(0), eid: 0 }] })[0]).toMatch(/^chains\[0\]\.eid: /);
    expect(issuesOf({ ...valid(), chains: [{ ...chain(0), startBlock: "-1" }] })).toEqual([
      "chains[0].startBlock: not a block number",
    ]);
  });
});
