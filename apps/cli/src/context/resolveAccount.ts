import type { Manifest } from "@ballast/sdk";
import { type Account, type Address, getAddress, type Hex, isAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError } from "../CliError.js";

/** The environment variable holding the signer's private key on a real network. */
export const PRIVATE_KEY_ENV = "BALLAST_PRIVATE_KEY";

/**
 * Who signs: `--from N` (development account #N of a devnet manifest, unlocked on the node),
 * `--from 0x…` (an address the node has unlocked), else the key in BALLAST_PRIVATE_KEY.
 */
export function resolveAccount(
  manifest: Manifest,
  from: string | undefined,
  env: NodeJS.ProcessEnv,
): Account | Address {
  if (from !== undefined) {
    if (/^\d+$/.test(from)) {
      const address = manifest.accounts?.[Number(from)];
      if (address === undefined)
        throw new CliError(`--from ${from}: the manifest has no development account #${from}`);
      return address;
    }
    if (!isAddress(from, { strict: false }))
      throw new CliError(`--from: "${from}" is not an address or an account number`);
    return getAddress(from);
  }
  const key = env[PRIVATE_KEY_ENV];
  if (key === undefined || key === "") {
    throw new CliError(
      `no signer: pass --from (a devnet account number or address) or set ${PRIVATE_KEY_ENV}`,
    );
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(key))
    throw new CliError(`${PRIVATE_KEY_ENV} is not a 32-byte hex private key`);
  return privateKeyToAccount(key as Hex); // checked to be 0x + 64 hex digits above
}

/** An account address from the command line (`status <address>`), or a devnet account number. */
export function resolveAddress(manifest: Manifest, text: string): Address {
  if (/^\d+$/.test(text)) {
    const address = manifest.accounts?.[Number(text)];
    if (address === undefined) throw new CliError(`the manifest has no development account #${text}`);
    return address;
  }
  if (!isAddress(text, { strict: false })) throw new CliError(`"${text}" is not an address`);
  return getAddress(text);
}
