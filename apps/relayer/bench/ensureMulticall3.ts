import { createRequire } from "node:module";
import { join } from "node:path";
import {
  type Address,
  type Chain,
  type Hex,
  isHex,
  type PublicClient,
  type TestClient,
  type Transport,
} from "viem";

/** Where Multicall3 lives on almost every EVM chain (and where the relayer's `Multicall3Resolver` looks). */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

/** Multicall3 could not be put on a bench chain. */
export class Multicall3InstallError extends Error {
  override name = "Multicall3InstallError";
}

/** Multicall3's creation code as viem ships it (viem's public entry points do not export the constant). */
function multicall3CreationCode(): Hex {
  const require = createRequire(import.meta.url);
  const file = join(require.resolve("viem"), "..", "constants", "contracts.js");
  // A CommonJS module of constants; the one value used is checked below.
  const { multicall3Bytecode } = require(file) as { multicall3Bytecode?: unknown };
  if (typeof multicall3Bytecode !== "string" || !isHex(multicall3Bytecode))
    throw new Multicall3InstallError(`no Multicall3 creation code in ${file}`);
  return multicall3Bytecode;
}

/**
 * Makes sure Multicall3 is at its canonical address, as on real chains (newer devnets install it
 * themselves): the runtime code from an `eth_call` of the creation code, written with `hardhat_setCode`.
 */
export async function ensureMulticall3(
  publicClient: PublicClient<Transport, Chain>,
  test: TestClient<"hardhat", Transport, Chain>,
): Promise<void> {
  const present = await publicClient.getCode({ address: MULTICALL3_ADDRESS });
  if (present !== undefined && present !== "0x") return;
  const { data: runtime } = await publicClient.call({ data: multicall3CreationCode() });
  if (runtime === undefined || runtime === "0x")
    throw new Multicall3InstallError("Multicall3's creation code returned no code");
  await test.setCode({ address: MULTICALL3_ADDRESS, bytecode: runtime });
}
