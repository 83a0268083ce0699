import { simpleMessageLibAbi } from "@ballast/contracts";
import type {
  Account,
  Address,
  Chain,
  Hash,
  Hex,
  PublicClient,
  TransactionReceipt,
  Transport,
  WalletClient,
} from "viem";
import {
  CallerNotWhitelistedError,
  DeliveryError,
  PacketAlreadyExecutedError,
  WrongDestinationError,
} from "../errors.js";
import { decodePacket } from "../packet/decodePacket.js";
import { encodePacket } from "../packet/encodePacket.js";
import type { Packet } from "../packet/types.js";
import { decodeRevert } from "./decodeRevert.js";

/** Parameters of {@link verifyPacket}. */
export interface VerifyPacketParameters {
  /** A client of the destination chain. */
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The verifier: the library's `whitelistCaller` (any account when none is set). */
  walletClient: WalletClient<Transport, Chain, Account>;
  /** The destination chain's SimpleMessageLib (the receive library of the path). */
  messageLib: Address;
  /** The packet, decoded or as bytes. */
  packet: Packet | Hex;
}

/** The return type of {@link verifyPacket}. */
export interface VerifyPacketReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
}

/** Turns a failed `validatePacket` into the sdk's error for it. */
function toVerifyError(error: unknown): DeliveryError {
  const revert = decodeRevert(error);
  const options = { cause: error, revert };
  if (revert === undefined) return new DeliveryError("validatePacket failed", options);
  switch (revert.errorName) {
    case "OnlyWhitelistCaller":
      return new CallerNotWhitelistedError(
        "caller is not the message library's whitelisted verifier",
        options,
      );
    case "LZ_PathNotVerifiable":
      return new PacketAlreadyExecutedError("the endpoint has already consumed this nonce", options);
    case "LZ_InvalidReceiveLibrary":
      return new DeliveryError(
        "message library is not the receiver's receive library for this source",
        options,
      );
    case "LZ_PathNotInitializable":
      return new DeliveryError("receiver does not accept the path (is the sender its peer?)", options);
    default:
      return new DeliveryError(`validatePacket reverted with ${revert.errorName}`, options);
  }
}

/**
 * Verifies a packet on its destination chain the devnet way: the verifier calls
 * `SimpleMessageLib.validatePacket(packet)`, which stores the payload hash on the endpoint
 * (`EndpointV2.verify`). Checks first, with a simulation, so a refused call costs no gas.
 *
 * Throws {@link WrongDestinationError} when the packet is for another eid than the library's
 * (SimpleMessageLib itself does not check), {@link CallerNotWhitelistedError} for a caller other
 * than the whitelisted one, {@link PacketAlreadyExecutedError} when the nonce was consumed,
 * and {@link DeliveryError} otherwise.
 *
 * @example
 * const { transactionHash } = await verifyPacket({ publicClient, walletClient: verifier, messageLib, packet: sent.encodedPacket });
 */
export async function verifyPacket(parameters: VerifyPacketParameters): Promise<VerifyPacketReturnType> {
  const { publicClient, walletClient, messageLib } = parameters;
  const packet = typeof parameters.packet === "string" ? decodePacket(parameters.packet) : parameters.packet;
  const encodedPacket = encodePacket(packet);

  const localEid = await publicClient.readContract({
    address: messageLib,
    abi: simpleMessageLibAbi,
    functionName: "localEid",
  });
  if (localEid !== packet.dstEid) {
    throw new WrongDestinationError(
      `packet is for eid ${packet.dstEid}, library ${messageLib} is on eid ${localEid}`,
    );
  }

  const call = {
    account: walletClient.account,
    address: messageLib,
    abi: simpleMessageLibAbi,
    functionName: "validatePacket",
    args: [encodedPacket],
  } as const;
  let transactionHash: Hash;
  try {
    await publicClient.simulateContract(call);
    transactionHash = await walletClient.writeContract(call);
  } catch (error) {
    throw toVerifyError(error);
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash: transactionHash });
  if (receipt.status !== "success") {
    throw new DeliveryError(`validatePacket transaction ${transactionHash} reverted`);
  }
  return { transactionHash, receipt };
}
