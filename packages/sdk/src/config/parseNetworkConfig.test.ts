import { describe, expect, test } from "vitest";
import { ConfigError } from "../errors.js";
import type { NetworkConfigInput } from "./networkConfigSchema.js";
import { parseNetworkConfig } from "./parseNetworkConfig.js";

const dvn = "0x589dEDbD617e0CBcB916A9223F4d1300c294236b";

const valid = (): NetworkConfigInput => ({
  name: "testnet",
  chains: [
    { name: "sepolia", chainId: 11_155_111, eid: 40_161, rpcUrls: ["https://rpc.sepolia.org"] },
    {
      name: "arbitrum-sepolia",
      chainId: 421_614,
      eid: 40_231,
      rpcUrls: ["https://a.example", "wss://b.example"],
      pathways: [{ remoteEid: 40_161, confirmations: 20, requiredDvns: [dvn] }],
    },
  ],
});

function messageOf(input: unknown): string {
  try {
    parseNetworkConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message; // asserted above
  }
  throw new Error("parsed");
}

describe("parseNetworkConfig", () => {
  test("fills defaults", () => {
    const config = parseNetworkConfig(valid());
    expect(config.chains[0]).toMatchObject({ confirmations: 1, pathways: [], tokens: {}, feeds: {} });
    expect(config.chains[1]?.pathways[0]).toMatchObject({ optionalDvns: [], optionalDvnThreshold: 0 });
  });

  test("names the bad field", () => {
    const input = valid();
    input.chains[1] = {
      ...input.chains[1],
      name: "arb",
      pathways: [{ remoteEid: 1, confirmations: 1, requiredDvns: [dvn] }],
    } as NetworkConfigInput["chains"][number]; // the spread keeps every required key
    expect(messageOf(input)).toBe(
      "invalid network config: chains[1].pathways[0].remoteEid: no other chain has eid 1",
    );
    expect(messageOf({ ...valid(), chains: [{ ...valid().chains[0], name: "Sepolia" }] })).toMatch(
      /^invalid network config: chains\[0\]\.name: lowercase letters/,
    );
  });

  test("refuses a threshold above the optional DVNs and a private key in the file", () => {
    const input = valid();
    input.chains[1] = {
      ...(valid().chains[1] as NetworkConfigInput["chains"][number]), // defined in valid()
      pathways: [
        {
          remoteEid: 40_161,
          confirmations: 1,
          requiredDvns: [dvn],
          optionalDvns: [dvn],
          optionalDvnThreshold: 2,
        },
      ],
    };
    expect(messageOf(input)).toMatch(
      /chains\[1\]\.pathways\[0\]\.optionalDvnThreshold: exceeds the 1 optional DVNs/,
    );
    expect(messageOf({ ...valid(), privateKey: "0x01" })).toMatch(/Unrecognized key: "privateKey"/);
  });
});
