// Runs the Solidity tests (unit, fuzz, invariant) with a seed that is printed first, so
// a failing run can be replayed exactly: FUZZ_SEED=0x... pnpm --filter @ballast/contracts test
// and its counterexample committed as a regression test.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

const seed = process.env.FUZZ_SEED ?? `0x${randomBytes(32).toString("hex")}`;
const runs = process.env.FUZZ_RUNS ?? "1000";
console.log(`solidity tests: fuzz seed ${seed}, ${runs} runs (replay with FUZZ_SEED=${seed})`);

const result = spawnSync("hardhat", ["test", "solidity", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
if (result.error) throw result.error;
if (result.status !== 0) console.error(`solidity tests failed; replay with FUZZ_SEED=${seed}`);
process.exit(result.status ?? 1);
