import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_FUNDING } from "@ballast/devnet";
import { afterAll, describe, expect, test } from "vitest";
import { SCENARIO } from "../dev/runScenario.js";

// The built entry point, as `ballast` runs it (turbo builds before testing).
const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const WAD = 10n ** 18n;

type DevEvent = { event: string } & Record<string, unknown>;

function ballastDev(args: string[]): Promise<{ code: number | null; events: DevEvent[]; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, "dev", ...args], { env: { PATH: process.env.PATH } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("close", (code) => {
      const lines = stdout.split("\n").filter((line) => line.trim() !== "");
      resolve({ code, events: lines.map((line) => JSON.parse(line) as DevEvent), stderr }); // --json: one object per line
    });
  });
}

describe("ballast dev --json --once", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test("runs the scenario headless: every step's check holds, every final balance exact, every lane consistent", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ballast-dev-"));
    dirs.push(dir);
    const { code, events, stderr } = await ballastDev([
      "--json",
      "--once",
      "--port-base",
      "0",
      "--data-dir",
      dir,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);

    expect(events[0]?.event).toBe("devnet-started");
    expect(events[1]?.event).toBe("relayer-started");
    const steps = events.filter((e) => e.event === "step");
    expect(steps.map((e) => e.title)).toEqual([
      "Lock 1,000 USDC on a for b",
      "The relayer delivers it: 1,000 USDC credited on b",
      "Lock 1 share (ERC-4626 over WETH) on c for b",
      "The relayer delivers it: 1 share (ERC-4626 over WETH) credited on b",
      "Open a 4 ETH long on b at 3,000",
      "ETH falls to 2,350 on b: the account is below maintenance",
      "The keeper liquidates the position",
      "Repay the debt: deposit 2,788 USDC of cash on b",
      "Release the 1,000 USDC from b back to a",
      "The relayer delivers it: 1,000 USDC paid on a",
      "The relayer reconciles every lane: all consistent",
    ]);
    expect(events.some((e) => e.event === "step-failed")).toBe(false);

    // The liquidation: PnL 4 x (2,350 - 3,000) and a 2% penalty on the 9,400 notional, half to the keeper.
    const size = SCENARIO.longSize / WAD;
    const realized = (size * (SCENARIO.crashPrice - SCENARIO.entryPrice) * 10n ** 6n) / 10n ** 8n;
    const penalty = (((size * SCENARIO.crashPrice * 10n ** 6n) / 10n ** 8n) * 2n) / 100n;
    const liquidation: Record<string, unknown> = steps[6] ?? {};
    expect(liquidation).toMatchObject({
      realized: realized.toString(),
      penalty: penalty.toString(),
      keeperReward: (penalty / 2n).toString(),
    });
    expect(liquidation.cash).toBe((realized - penalty).toString());

    const complete = events.at(-2);
    expect(complete).toMatchObject({ event: "scenario-complete", ok: true });
    expect(events.at(-1)).toEqual({ event: "stopped" });
    const { usdc, weth, shareAssets } = DEFAULT_FUNDING;
    const shares = shareAssets; // the share's rate is exactly 1 at the start: one share per WETH deposited
    const repaid = -(realized - penalty);
    const expected = [
      { chain: "a", asset: "usdc", wallet: usdc, collateral: 0n },
      { chain: "a", asset: "weth", wallet: weth, collateral: 0n },
      { chain: "a", asset: "share", wallet: shares, collateral: 0n },
      { chain: "b", asset: "usdc", wallet: usdc - repaid, collateral: 0n },
      { chain: "b", asset: "weth", wallet: weth, collateral: 0n },
      { chain: "b", asset: "share", wallet: shares, collateral: 0n },
      { chain: "c", asset: "usdc", wallet: usdc, collateral: 0n },
      { chain: "c", asset: "weth", wallet: weth, collateral: 0n },
      {
        chain: "c",
        asset: "share",
        wallet: shares - SCENARIO.sharesLocked,
        collateral: SCENARIO.sharesLocked,
      },
    ].map((row) => ({
      ...row,
      wallet: row.wallet.toString(),
      collateral: row.collateral.toString(),
      claimable: "0",
    }));
    expect(complete?.balances).toEqual(expected);
    expect(complete?.cash).toEqual(["a", "b", "c"].map((chain) => ({ chain, cash: "0" })));

    // The relayer's own API, read after the scenario: every lane and vault asset consistent.
    const lanes = complete?.lanes as { lanes: { status: string }[]; vaults: { status: string }[] }; // GET /lanes
    expect(lanes.lanes).toHaveLength(27);
    expect([...lanes.lanes, ...lanes.vaults].every((lane) => lane.status === "consistent")).toBe(true);
  }, 180_000);

  test.each([
    [["--chains", "2"], 'ballast: --chains must be an integer from 3 to 8, got "2"'],
    [["--port-base", "80"], "ballast: --port-base must be 0 or at least 1024, got 80"],
    [["--colour"], "ballast: Unknown option '--colour'"],
  ])("%j is refused with one line and exit 2", async (args, message) => {
    const child = spawn(process.execPath, [MAIN, "dev", ...args], { env: { PATH: process.env.PATH } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringContaining(message)]);
  });
});
