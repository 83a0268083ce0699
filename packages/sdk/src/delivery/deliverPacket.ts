import type { Account, Address, Chain, Hash, Hex, PublicClient, Transport, WalletClient } from "viem";
import { PacketAlreadyExecutedError } from "../errors.js";
import { decodePacket } from "../packet/decodePacket.js";
import type { Packet } from "../packet/types.js";
import { executePacket } from "./executePacket.js";
import { getPacketState, type PacketState } from "./getPacketState.js";
import { verifyPacket } from "./verifyPacket.js";

/** Parameters of {@link deliverPacket}. */
export interface DeliverPacketParameters {
  /** A client of the destination chain. */
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** Verifies (must be the library's whitelisted caller) and executes. */
  walletClient: WalletClient<Transport, Chain, Account>;
  /** The destination chain's EndpointV2. */
  endpoint: Address;
  /** The destination chain's SimpleMessageLib. */
  messageLib: Address;
  /** The packet, decoded or as bytes. */
  packet: Packet | Hex;
  /** Passed to {@link executePacket}. */
  extraData?: Hex | undefined;
  /** Gas limit of the execution; estimated when left out. */
  gas?: bigint | undefined;
  /** Native value forwarded to the receiver. */
  value?: bigint | undefined;
}

/** The return type of {@link deliverPacket}: what it found and what it did. */
export interface DeliverPacketReturnType {
  /** The packet's state before this call. */
  initialState: PacketState;
  /** The verification transaction, when this call verified the packet. */
  verifyTransactionHash: Hash | undefined;
  /** The execution transaction, when this call executed the packet (not when another executor won the race). */
  executeTransactionHash: Hash | undefined;
}

/**
 * Delivers a packet on its destination chain, idempotently: reads its state, verifies it when
 * it is `sent`, executes it unless it is `executed`. Calling it again for a delivered packet
 * sends nothing. If another executor consumes the nonce between the check and the execution,
 * it returns without an execution hash instead of failing.
 *
 * Throws what {@link verifyPacket} and {@link executePacket} throw; notably
 * {@link PacketNotVerifiedError} (with `missingNonce`) when an earlier nonce of the path is not
 * verified yet: deliver that one first.
 *
 * @example
 * const result = await deliverPacket({ publicClient, walletClient: relayer, endpoint, messageLib, packet: sent.encodedPacket });
 * result.initialState; // "sent"
 */
export async function deliverPacket(parameters: DeliverPacketParameters): Promise<DeliverPacketReturnType> {
  const { publicClient, walletClient, endpoint, messageLib, extraData, gas, value } = parameters;
  const packet = typeof parameters.packet === "string" ? decodePacket(parameters.packet) : parameters.packet;

  const { state: initialState } = await getPacketState({ publicClient, endpoint, packet });
  const result: DeliverPacketReturnType = {
    initialState,
    verifyTransactionHash: undefined,
    executeTransactionHash: undefined,
  };
  if (initialState === "executed") return result;

  if (initialState === "sent") {
    try {
      result.verifyTransactionHash = (
        await verifyPacket({ publicClient, walletClient, messageLib, packet })
      ).transactionHash;
    } catch (error) {
      if (error instanceof PacketAlreadyExecutedError) return result;
      throw error;
    }
  }
  try {
    const executed = await executePacket({
      publicClient,
      walletClient,
      endpoint,
      packet,
      extraData,
      gas,
      value,
    });
    result.executeTransactionHash = executed.transactionHash;
  } catch (error) {
    if (!(error instanceof PacketAlreadyExecutedError)) throw error;
  }
  return result;
}
