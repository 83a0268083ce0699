import { collateralVaultAbi, endpointV2Abi } from "@ballast/contracts";
import { computeGuid, encodeLock, encodePacket } from "@ballast/sdk";
import { type Address, getAddress, keccak256, pad } from "viem";
import { describe, expect, test } from "vitest";
import { fakeManifestChain, rpcLog } from "../../test/support/rpcLogs.js";
import { buildRangeBatch } from "./buildRangeBatch.js";
import { EventDecoder } from "./EventDecoder.js";
import { watchedContracts } from "./watchedContracts.js";

const a = fakeManifestChain(0);
const b = fakeManifestChain(1);
const decoder = new EventDecoder(watchedContracts(a));
const oapps = [a.contracts.collateralVault, a.contracts.marginLedger];
const user = getAddress("0x00000000000000000000000000000000000000a1");
const NOW = new Date("2026-01-01T00:00:00Z");

function lockPacket(nonce: bigint, sender: Address = a.contracts.collateralVault) {
  return encodePacket({
    nonce,
    srcEid: a.eid,
    sender: pad(sender, { size: 32 }),
    dstEid: b.eid,
    receiver: pad(b.contracts.marginLedger, { size: 32 }),
    message: encodeLock({ asset: a.tokens.usdc, beneficiary: user, amount: 10n ** 30n, rate: 0n }),
  });
}

const build = (logs: Parameters<typeof buildRangeBatch>[0]["logs"]) =>
  buildRangeBatch({ chainId: 31_401n, eid: a.eid, decoder, oapps, logs, now: NOW });

describe("buildRangeBatch", () => {
  test("a PacketSent of our vault becomes an event and a message with its Ballast payload", () => {
    const packet = lockPacket(3n);
    const guid = computeGuid(3n, a.eid, a.contracts.collateralVault, b.eid, b.contracts.marginLedger);
    const batch = build([
      rpcLog({
        address: a.endpoint,
        abi: endpointV2Abi,
        eventName: "PacketSent",
        args: { encodedPayload: packet, options: "0x0003", sendLibrary: a.messageLib },
        logIndex: 1,
      }),
      rpcLog({
        address: a.contracts.collateralVault,
        abi: collateralVaultAbi,
        eventName: "Locked",
        args: {
          guid,
          dstEid: b.eid,
          asset: a.tokens.usdc,
          sender: user,
          beneficiary: user,
          amount: 10n ** 30n,
          rate: 0n,
        },
        logIndex: 2,
      }),
    ]);
    expect(batch.events.map((event) => [event.event_name, event.guid, event.amount])).toEqual([
      ["PacketSent", guid, null],
      ["Locked", guid, 10n ** 30n],
    ]);
    expect(batch.messages).toEqual([
      expect.objectContaining({
        guid,
        nonce: 3n,
        src_eid: a.eid,
        dst_eid: b.eid,
        message_type: "LOCK",
        amount: 10n ** 30n,
        account: user.toLowerCase(),
        encoded_packet: packet,
        options: "0x0003",
        status: "sent",
        created_at: NOW,
      }),
    ]);
    expect([...batch.packetGuids]).toEqual([guid]);
    expect([...batch.sendEventGuids]).toEqual([guid]);
  });

  test("endpoint events of other OApps are not ours", () => {
    const otherOApp = getAddress("0x00000000000000000000000000000000000000cc");
    const batch = build([
      rpcLog({
        address: a.endpoint,
        abi: endpointV2Abi,
        eventName: "PacketSent",
        args: { encodedPayload: lockPacket(1n, otherOApp), options: "0x", sendLibrary: a.messageLib },
      }),
      rpcLog({
        address: a.endpoint,
        abi: endpointV2Abi,
        eventName: "PacketDelivered",
        args: {
          origin: { srcEid: b.eid, sender: pad(otherOApp, { size: 32 }), nonce: 1n },
          receiver: otherOApp,
        },
        logIndex: 1,
      }),
    ]);
    expect(batch).toMatchObject({ events: [], messages: [], factGuids: [], ignored: 2 });
  });

  test("a PacketVerified for our ledger carries the guid the source computed", () => {
    const origin = { srcEid: b.eid, sender: pad(b.contracts.collateralVault, { size: 32 }), nonce: 4n };
    const batch = build([
      rpcLog({
        address: a.endpoint,
        abi: endpointV2Abi,
        eventName: "PacketVerified",
        args: { origin, receiver: a.contracts.marginLedger, payloadHash: keccak256("0x01") },
      }),
    ]);
    const guid = computeGuid(4n, b.eid, b.contracts.collateralVault, a.eid, a.contracts.marginLedger);
    expect(batch.factGuids).toEqual([guid]);
    expect(batch.events[0]).toMatchObject({ guid, contract: "endpoint", event_name: "PacketVerified" });
  });

  test("the same log twice is one event, and logs come out in chain order", () => {
    const paused = (blockNumber: bigint, logIndex: number) =>
      rpcLog({
        address: a.contracts.collateralVault,
        abi: collateralVaultAbi,
        eventName: "LocksPausedSet",
        args: { paused: true },
        blockNumber,
        logIndex,
      });
    const batch = build([paused(5n, 1), paused(4n, 9), paused(5n, 0), paused(5n, 1)]);
    expect(batch.events.map((event) => [event.block_number, event.log_index])).toEqual([
      [4n, 9],
      [5n, 0],
      [5n, 1],
    ]);
  });
});
