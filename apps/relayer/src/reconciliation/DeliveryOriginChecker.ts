import { endpointV2Abi } from "@ballast/contracts";
import { addressToBytes32, bytes32ToAddress, type Manifest } from "@ballast/sdk";
import { Inject, Injectable } from "@nestjs/common";
import { readContract } from "viem/actions";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { MANIFEST } from "../config/configTokens.js";
import { EventRepository } from "../store/EventRepository.js";
import type { JsonValue } from "../store/StoreSchema.js";
import type { ChainReads } from "./ChainStateReader.js";

/** A `PacketDelivered` origin as the indexer stored it. */
interface DeliveredOrigin {
  srcEid: number;
  sender: `0x${string}`;
  nonce: bigint;
  receiver: `0x${string}`;
  dstEid: number;
}

function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value[key] : undefined;
}

const isHex = (value: unknown): value is `0x${string}` =>
  typeof value === "string" && /^0x[0-9a-fA-F]+$/.test(value);

/**
 * Tells indexing skew from a real hole for deliveries whose send the projection has not seen.
 *
 * A LOCK credited on chain B whose `Locked` on chain A is not in the projection is either sent after
 * the block A's indexer has reached (B's indexer is simply ahead: nothing is wrong yet), or sent at or
 * before it and missing (an indexer hole, or a message from a sender that is not our vault: a forged
 * or misrouted credit). The stored `PacketDelivered` gives the packet's origin (source eid, sender,
 * nonce); the source endpoint's `outboundNonce(sender, dstEid, receiver)` at the source's indexed
 * block says whether that nonce had been sent by then. Only the first case is skew.
 */
@Injectable()
export class DeliveryOriginChecker {
  constructor(
    private readonly events: EventRepository,
    private readonly chains: ChainRegistry,
    @Inject(MANIFEST) private readonly manifest: Manifest,
  ) {}

  /** The guids among `guids` whose send lies beyond the source chain's block in `reads` (skew). */
  async skewed(guids: readonly string[], reads: ReadonlyMap<number, ChainReads>): Promise<Set<string>> {
    const out = new Set<string>();
    await Promise.all(
      [...new Set(guids)].map(async (guid) => {
        const origin = await this.#origin(guid);
        if (origin === undefined) return;
        const source = reads.get(origin.srcEid);
        if (source === undefined) return;
        let sender: `0x${string}`;
        try {
          sender = bytes32ToAddress(origin.sender);
        } catch {
          return; // not an EVM sender: certainly not one of our contracts
        }
        const chain = this.chains.byEid(origin.srcEid);
        const sent = await readContract(chain.publicClient, {
          address: chain.manifest.endpoint,
          abi: endpointV2Abi,
          functionName: "outboundNonce",
          args: [sender, origin.dstEid, addressToBytes32(origin.receiver)],
          blockNumber: source.blockNumber,
        });
        if (origin.nonce > sent) out.add(guid);
      }),
    );
    return out;
  }

  async #origin(guid: string): Promise<DeliveredOrigin | undefined> {
    const [row] = await this.events.list({ guid, eventName: "PacketDelivered", contract: "endpoint" }, 1);
    if (row === undefined) return undefined;
    const origin = member(row.args, "origin");
    const srcEid = member(origin, "srcEid");
    const sender = member(origin, "sender");
    const nonce = member(origin, "nonce");
    const receiver = member(row.args, "receiver");
    const dst = this.manifest.chains.find(({ chainId }) => BigInt(chainId) === row.chain_id);
    if (
      typeof srcEid !== "number" ||
      !isHex(sender) ||
      !(typeof nonce === "string" && /^\d+$/.test(nonce)) ||
      !isHex(receiver) ||
      dst === undefined
    ) {
      return undefined;
    }
    return { srcEid, sender, nonce: BigInt(nonce), receiver, dstEid: dst.eid };
  }
}
