import { collateralVaultAbi, endpointV2Abi, marginLedgerAbi, perpMarketAbi } from "@ballast/contracts";
import { decodeEventLog, getAddress, pad } from "viem";
import { describe, expect, test } from "vitest";
import { fakeManifestChain, rpcLog } from "../../test/support/rpcLogs.js";
import { EventDecoder } from "./EventDecoder.js";
import { IndexerError } from "./errors.js";
import { watchedContracts } from "./watchedContracts.js";

const chain = fakeManifestChain();
const decoder = new EventDecoder(watchedContracts(chain));
const vault = chain.contracts.collateralVault;
const asset = chain.tokens.usdc;
const guid = pad("0xabcd", { size: 32 });

describe("EventDecoder", () => {
  test("decodes indexed and data arguments like viem's decodeEventLog", () => {
    const args = {
      guid,
      dstEid: 40_102,
      asset,
      sender: chain.deployer,
      beneficiary: chain.owner,
      amount: 2n ** 255n + 1n,
      rate: 10n ** 18n,
    };
    const log = rpcLog({
      address: vault,
      abi: collateralVaultAbi,
      eventName: "Locked",
      args,
      blockNumber: 7n,
      logIndex: 3,
    });
    const decoded = decoder.decode(log);
    expect(decoded).toMatchObject({
      role: "collateralVault",
      address: vault.toLowerCase(),
      eventName: "Locked",
      blockNumber: 7n,
      logIndex: 3,
      args,
    });
    const reference = decodeEventLog({ abi: collateralVaultAbi, topics: log.topics, data: log.data });
    expect(decoded?.args).toEqual(reference.args);
  });

  test("decodes signed values and tuples", () => {
    const positionArgs = {
      account: chain.owner,
      sizeDelta: -(10n ** 18n),
      size: -(10n ** 18n),
      openNotional: -5n,
      price: 3_000n,
      realizedPnl: -7n,
    };
    const position = rpcLog({
      address: chain.contracts.perpMarket,
      abi: perpMarketAbi,
      eventName: "PositionChanged",
      args: positionArgs,
    });
    expect(decoder.decode(position)?.args).toEqual(positionArgs);
    const origin = { srcEid: 40_102, sender: pad(chain.contracts.marginLedger, { size: 32 }), nonce: 9n };
    const verified = rpcLog({
      address: chain.endpoint,
      abi: endpointV2Abi,
      eventName: "PacketVerified",
      args: { origin, receiver: getAddress(vault), payloadHash: guid },
    });
    expect(decoder.decode(verified)).toMatchObject({
      role: "endpoint",
      args: { origin, receiver: getAddress(vault) },
    });
  });

  test("a watched event from an unwatched address decodes to nothing", () => {
    const foreign = rpcLog({
      address: "0x9999999999999999999999999999999999999999",
      abi: collateralVaultAbi,
      eventName: "LocksPausedSet",
      args: { paused: true },
    });
    expect(decoder.decode(foreign)).toBeUndefined();
  });

  test("an event of another watched contract's ABI at this address, or an endpoint event not kept, decodes to nothing", () => {
    const ledgerEventAtVault = rpcLog({
      address: vault,
      abi: marginLedgerAbi,
      eventName: "MarketAdded",
      args: { market: chain.contracts.perpMarket },
    });
    expect(decoder.decode(ledgerEventAtVault)).toBeUndefined();
    const endpointOwnership = rpcLog({
      address: chain.endpoint,
      abi: endpointV2Abi,
      eventName: "OwnershipTransferred",
      args: { previousOwner: chain.owner, newOwner: chain.deployer },
    });
    expect(decoder.decode(endpointOwnership)).toBeUndefined();
    // the same event at the vault, which keeps all its events, decodes
    expect(decoder.decode({ ...endpointOwnership, address: vault })?.eventName).toBe("OwnershipTransferred");
  });

  test("filters for the request: our five addresses, and every kept topic once", () => {
    expect(decoder.addresses()).toHaveLength(5);
    expect(decoder.addresses()).toContain(chain.endpoint.toLowerCase());
    expect(new Set(decoder.topics()).size).toBe(decoder.topics().length);
  });

  test("a watched event whose data does not decode is an error, not a silent skip", () => {
    const log = rpcLog({
      address: vault,
      abi: collateralVaultAbi,
      eventName: "LocksPausedSet",
      args: { paused: true },
    });
    expect(() => decoder.decode({ ...log, data: "0x01" })).toThrow(IndexerError);
    expect(() => decoder.decode({ ...log, blockHash: null })).toThrow(/no block position/);
  });
});
