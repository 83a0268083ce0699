import { type Address, type Hex, isAddress, pad } from "viem";
import { InvalidAddressError } from "../errors.js";

/**
 * Left-pads an EVM address to the 32 bytes LayerZero uses for peers, senders and receivers
 * (`AddressCast.toBytes32`). Lowercase hex.
 *
 * @example
 * addressToBytes32("0x00000000000000000000000000000000000000aa");
 * // "0x00000000000000000000000000000000000000000000000000000000000000aa"
 */
export function addressToBytes32(address: Address): Hex {
  if (!isAddress(address, { strict: false })) {
    throw new InvalidAddressError(`${String(address)} is not an address`);
  }
  return pad(`0x${address.slice(2).toLowerCase()}`, { size: 32 });
}
