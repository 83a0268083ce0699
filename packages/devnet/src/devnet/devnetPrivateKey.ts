import { type Hex, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { DevnetError } from "../errors.js";

/** Hardhat's development mnemonic: the devnet's accounts are its first 20 addresses, funded and unlocked. */
export const DEVNET_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * The private key of the devnet's development account `index` (#0 owner, #1 guardian, #2 verifier,
 * #3 to #9 funded users). Well known: for local chains only.
 */
export function devnetPrivateKey(index: number): Hex {
  if (!Number.isInteger(index) || index < 0 || index >= 20)
    throw new DevnetError(`no development account #${index}`);
  const key = mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (key === null) throw new DevnetError(`no private key for development account #${index}`);
  return toHex(key);
}
