import { type Address, getAddress, type Hex, isHex } from "viem";
import { InvalidAddressError } from "../errors.js";

/**
 * The EVM address in a LayerZero bytes32 (checksummed). Strict: the upper 12 bytes must be
 * zero, where LayerZero's `AddressCast.toAddress` would silently truncate a non-EVM address.
 *
 * @example
 * bytes32ToAddress("0x00000000000000000000000000000000000000000000000000000000000000aa");
 * // "0x00000000000000000000000000000000000000AA"
 */
export function bytes32ToAddress(bytes32: Hex): Address {
  if (!isHex(bytes32, { strict: true }) || bytes32.length !== 66) {
    throw new InvalidAddressError(`${String(bytes32)} is not 32 bytes of hex`);
  }
  if (!/^0x0{24}$/.test(bytes32.slice(0, 26))) {
    throw new InvalidAddressError(`${bytes32} is not an EVM address: its upper 12 bytes are not zero`);
  }
  return getAddress(`0x${bytes32.slice(26)}`);
}
