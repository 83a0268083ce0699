import { endpointV2Abi } from "@ballast/contracts";
import {
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  isHex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import {
  DeliveryError,
  PacketAlreadyExecutedError,
  PacketNotVerifiedError,
  PayloadHashMismatchError,
} from "../errors.js";
import { bytes32ToAddress } from "../packet/bytes32ToAddress.js";
import { decodePacket } from "../packet/decodePacket.js";
import type { Packet } from "../packet/types.js";
import { decodeRevert } from "./decodeRevert.js";

/** Parameters of {@link executePacket}. */
export interface ExecutePacketParameters {
  /** A client of the destination chain. */
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** The executor: any account (`lzReceive` is permissionless once a packet is verified). */
  walletClient: WalletClient<Transport, Chain, Account>;
  /** The destination chain's EndpointV2. */
  endpoint: Address;
  /** The packet, decoded or as bytes. */
  packet: Packet | Hex;
  /** Untrusted extra data handed to the receiver; defaults to empty. */
  extraData?: Hex | undefined;
  /** Gas limit of the transaction; estimated when left out. */
  gas?: bigint | undefined;
  /** Native value forwarded to the receiver's `lzReceive`. */
  value?: bigint | undefined;
}

/** The return type of {@link executePacket}. */
export interface ExecutePacketReturnType {
  transactionHash: Hash;
  receipt: TransactionReceipt;
}

const EMPTY_PAYLOAD_HASH: Hex = `0x${"00".repeat(32)}`;
const NIL_PAYLOAD_HASH: Hex = `0x${"ff".repeat(32)}`;

/**
 * Turns a failed `lzReceive` into the sdk's error for it. EndpointV2's `_clearPayload` first
 * requires a stored hash for every nonce from `lazyInboundNonce + 1` up to this one
 * (`LZ_InvalidNonce(first missing)`), then compares this nonce's stored hash with the payload's
 * (`LZ_PayloadHashNotFound(expected, actual)`): an empty expected hash there means the nonce is
 * at or below `lazyInboundNonce` and was consumed.
 */
function toExecuteError(error: unknown, nonce: bigint): DeliveryError {
  const revert = decodeRevert(error);
  const options = { cause: error, revert };
  if (revert?.errorName === "LZ_InvalidNonce") {
    const [missing] = revert.args;
    const missingNonce = typeof missing === "bigint" ? missing : nonce;
    const which = missingNonce === nonce ? "the packet is" : `earlier nonce ${missingNonce} is`;
    return new PacketNotVerifiedError(`cannot execute nonce ${nonce}: ${which} not verified`, {
      ...options,
      missingNonce,
    });
  }
  if (revert?.errorName === "LZ_PayloadHashNotFound") {
    const [expected, actual] = revert.args;
    if (expected === EMPTY_PAYLOAD_HASH) {
      return new PacketAlreadyExecutedError(`nonce ${nonce} has already been consumed`, options);
    }
    if (expected === NIL_PAYLOAD_HASH) {
      return new PacketNotVerifiedError(`nonce ${nonce} was nilified and must be verified again`, {
        ...options,
        missingNonce: nonce,
      });
    }
    if (isHex(expected) && isHex(actual)) {
      return new PayloadHashMismatchError(`the endpoint verified another payload at nonce ${nonce}`, {
        ...options,
        expected,
        actual,
      });
    }
  }
  if (revert === undefined) return new DeliveryError("lzReceive failed", options);
  return new DeliveryError(`lzReceive reverted with ${revert.errorName}`, options);
}

/**
 * Executes a verified packet on its destination endpoint:
 * `EndpointV2.lzReceive(origin, receiver, guid, message, extraData)`, which any account may
 * call. The endpoint clears the payload hash, then calls the receiver. Simulates first, so a
 * refused call costs no gas.
 *
 * Throws {@link PacketNotVerifiedError} when the packet or an earlier nonce of its path is not
 * verified, {@link PacketAlreadyExecutedError} when the nonce was consumed,
 * {@link PayloadHashMismatchError} when the endpoint verified different bytes at this nonce, and
 * {@link DeliveryError} when the receiver reverts.
 *
 * @example
 * const { receipt } = await executePacket({ publicClient, walletClient: executor, endpoint, packet: sent.packet });
 */
export async function executePacket(parameters: ExecutePacketParameters): Promise<ExecutePacketReturnType> {
  const { publicClient, walletClient, endpoint, extraData = "0x", gas, value } = parameters;
  const packet = typeof parameters.packet === "string" ? decodePacket(parameters.packet) : parameters.packet;
  const origin = { srcEid: packet.srcEid, sender: packet.sender, nonce: packet.nonce };
  const call = {
    account: walletClient.account,
    address: endpoint,
    abi: endpointV2Abi,
    functionName: "lzReceive",
    args: [origin, bytes32ToAddress(packet.receiver), packet.guid, packet.message, extraData],
    ...(gas === undefined ? {} : { gas }),
    ...(value === undefined ? {} : { value }),
  } as const;
  let transactionHash: Hash;
  try {
    await publicClient.simulateContract(call);
    transactionHash = await walletClient.writeContract(call);
  } catch (error) {
    throw toExecuteError(error, packet.nonce);
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash: transactionHash });
  if (receipt.status !== "success") {
    throw new DeliveryError(`lzReceive transaction ${transactionHash} reverted`);
  }
  return { transactionHash, receipt };
}
