import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/** Must equal the `solc` devDependency: Hardhat runs this soljson.js as WASM, no download. */
export const SOLC_VERSION = "0.8.28";

const solcPackage: { version: string } = require("solc/package.json");
if (solcPackage.version !== SOLC_VERSION) {
  throw new Error(`solc package is ${solcPackage.version}, hardhat.config.ts expects ${SOLC_VERSION}`);
}

/**
 * Fuzz and invariant settings. FUZZ_SEED replays a run: every run prints the seed it used.
 * The test command runs the full profile; `FUZZ_RUNS` lowers it for a quick local loop.
 */
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 1000);
const fuzzSeed = process.env.FUZZ_SEED;

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    version: SOLC_VERSION,
    // soljson.js behind a shim that passes the compiler input on the heap (see the file): a merged
    // job's input above ~1.3 MB overflows the WASM stack otherwise, which a fresh clone's build hits.
    path: require.resolve("./scripts/solc-heap-input.cjs"),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  paths: {
    tests: { solidity: "test/solidity" },
  },
  test: {
    solidity: {
      // Solidity tests deploy LayerZero's real EndpointV2 and SimpleMessageLib from their artifacts.
      // The gas bench (scripts/bench.ts) has its measurements written under cache/gas-bench.
      fsPermissions: {
        readDirectory: ["node_modules/@layerzerolabs/lz-evm-protocol-v2/artifacts"],
        dangerouslyWriteDirectory: ["cache/gas-bench"],
      },
      fuzz: { runs: fuzzRuns, ...(fuzzSeed === undefined ? {} : { seed: fuzzSeed }) },
      invariant: { runs: fuzzRuns, depth: 64, failOnRevert: false },
    },
  },
});
