import { type Hex, toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

/** Hardhat's development mnemonic: the devnet funds and unlocks its accounts. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** The private key of Hardhat's development account `index` (#3 to #9 are funded users on the devnet). */
export function devPrivateKey(index: number): Hex {
  const key = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (key === null) throw new Error(`no private key for development account ${index}`);
  return toHex(key);
}
