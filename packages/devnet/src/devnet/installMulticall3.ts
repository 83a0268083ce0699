import { createRequire } from "node:module";
import { join } from "node:path";
import { type Address, createTestClient, type Hex, isHex } from "viem";
import { call, getCode } from "viem/actions";
import type { LocalChain } from "../createLocalChain.js";
import { DevnetError } from "../errors.js";

/** Where Multicall3 lives on almost every EVM chain (same deployer, same nonce). */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** Multicall3's creation code as viem ships it (a constant viem's public entry points do not export). */
export function multicall3CreationCode(): Hex {
  const require = createRequire(import.meta.url);
  const file = join(require.resolve("viem"), "..", "constants", "contracts.js");
  // A CommonJS module of constants; the one value used is checked below.
  const { multicall3Bytecode } = require(file) as { multicall3Bytecode?: unknown };
  if (typeof multicall3Bytecode !== "string" || !isHex(multicall3Bytecode))
    throw new DevnetError(`no Multicall3 creation code in ${file}`);
  return multicall3Bytecode;
}

/**
 * Puts Multicall3 at its canonical address on a local chain, as real chains have it, so batched
 * reads (viem's `multicall`, the relayer's reconciliation) run on the devnet as in production. The
 * runtime code comes from running the creation code in an `eth_call` and is written with
 * `hardhat_setCode`: no transaction is sent, so no account nonce (and no contract address of a
 * later deployment) changes. Returns the address.
 */
export async function installMulticall3(local: LocalChain): Promise<Address> {
  const { data: runtime } = await call(local.publicClient, { data: multicall3CreationCode() });
  if (runtime === undefined || runtime === "0x")
    throw new DevnetError("Multicall3's creation code returned no code");
  const test = createTestClient({ mode: "hardhat", chain: local.chain, transport: local.transport });
  await test.setCode({ address: MULTICALL3_ADDRESS, bytecode: runtime });
  const installed = await getCode(local.publicClient, { address: MULTICALL3_ADDRESS });
  if (installed?.toLowerCase() !== runtime.toLowerCase())
    throw new DevnetError(`chain ${local.chainId}: Multicall3 was not installed at ${MULTICALL3_ADDRESS}`);
  return MULTICALL3_ADDRESS;
}
