import { type ManifestChain, manifestChainSchema } from "@ballast/sdk";
import {
  type Abi,
  type AbiEvent,
  type Address,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  numberToHex,
  type RpcLog,
} from "viem";

/** A valid manifest chain with fake addresses (0x11.. endpoint, 0x41.. vault, 0x51.. ledger, ...). */
export function fakeManifestChain(index = 0): ManifestChain {
  const fake = (byte: number) => `0x${(byte + index).toString(16).padStart(2, "0").repeat(20)}`;
  return manifestChainSchema.parse({
    name: String.fromCharCode(97 + index),
    eid: 40_101 + index,
    chainId: 31_401 + index,
    rpcUrls: ["http://127.0.0.1:1"],
    startBlock: 0,
    endpoint: fake(0x10),
    messageLib: fake(0x20),
    deployer: fake(0x30),
    owner: fake(0x30),
    ownershipPending: false,
    guardian: null,
    contracts: {
      collateralVault: fake(0x40),
      marginLedger: fake(0x50),
      riskEngine: fake(0x60),
      perpMarket: fake(0x70),
    },
    tokens: { usdc: fake(0x80), weth: fake(0x90), share: fake(0xa0) },
    feeds: { ethUsd: fake(0xb0), usdcUsd: fake(0xc0) },
  });
}

/** Parameters of {@link rpcLog}. */
export interface RpcLogParameters {
  address: Address;
  abi: Abi;
  eventName: string;
  /** Every argument by name. */
  args: Record<string, unknown>;
  blockNumber?: bigint | undefined;
  logIndex?: number | undefined;
  transactionHash?: Hex | undefined;
}

/** A raw `eth_getLogs` log of `eventName` with `args`, encoded by viem. */
export function rpcLog(parameters: RpcLogParameters): RpcLog {
  const { address, abi, eventName, args, blockNumber = 10n, logIndex = 0, transactionHash } = parameters;
  const event = abi.find((item): item is AbiEvent => item.type === "event" && item.name === eventName);
  if (event === undefined) throw new Error(`no event ${eventName}`);
  const indexedArgs = Object.fromEntries(
    event.inputs
      .filter((input) => input.indexed === true)
      .map((input) => [input.name, args[input.name ?? ""]]),
  );
  const topics = encodeEventTopics({ abi: [event], eventName, args: indexedArgs } as Parameters<
    typeof encodeEventTopics
  >[0]); // viem's generic signature cannot follow an ABI chosen at run time
  const dataInputs = event.inputs.filter((input) => input.indexed !== true);
  const data = encodeAbiParameters(
    dataInputs,
    dataInputs.map((input) => args[input.name ?? ""]),
  );
  return {
    address,
    topics: topics as [Hex, ...Hex[]], // an event that is not anonymous has topic0
    data,
    blockNumber: numberToHex(blockNumber),
    blockHash: numberToHex(blockNumber, { size: 32 }),
    logIndex: numberToHex(logIndex),
    transactionHash: transactionHash ?? numberToHex(blockNumber * 1_000n + BigInt(logIndex), { size: 32 }),
    transactionIndex: "0x0",
    removed: false,
  };
}
