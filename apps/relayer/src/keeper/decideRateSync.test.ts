import { describe, expect, test } from "vitest";
import { decideRateSync } from "./decideRateSync.js";

const WAD = 10n ** 18n;
const DAY = 86_400n;
const base = {
  ledgerRate: WAD,
  ledgerUpdatedAt: 1_000n,
  now: 1_060n,
  maxRateGrowthPerDay: WAD / 100n, // 1% a day
  thresholdBps: 50,
};

describe("decideRateSync", () => {
  test("a fall is always synced, however small", () => {
    expect(decideRateSync({ ...base, vaultRate: WAD - 1n })).toEqual({
      sync: true,
      reason: "fell",
      applicableRate: WAD - 1n,
    });
    expect(decideRateSync({ ...base, vaultRate: WAD - 1n, thresholdBps: 10_000 }).sync).toBe(true);
  });

  test("an equal rate is not", () => {
    expect(decideRateSync({ ...base, vaultRate: WAD })).toEqual({
      sync: false,
      reason: "equal",
      applicableRate: WAD,
    });
  });

  test("a rise is synced only past the threshold (strictly)", () => {
    const day = { ...base, now: base.ledgerUpdatedAt + DAY };
    expect(decideRateSync({ ...day, vaultRate: (WAD * 1_004n) / 1_000n })).toMatchObject({
      sync: false,
      reason: "under-threshold",
    });
    expect(decideRateSync({ ...day, vaultRate: (WAD * 1_005n) / 1_000n })).toMatchObject({
      sync: false,
      reason: "under-threshold",
    });
    expect(decideRateSync({ ...day, vaultRate: (WAD * 1_005n) / 1_000n + 1n })).toEqual({
      sync: true,
      reason: "rose",
      applicableRate: (WAD * 1_005n) / 1_000n + 1n,
    });
    expect(decideRateSync({ ...day, vaultRate: WAD + 1n, thresholdBps: 0 })).toMatchObject({
      sync: true,
      reason: "rose",
    });
  });

  test("a rise counts only as far as the ledger's daily growth bound accepts it now", () => {
    const vaultRate = (WAD * 1_008n) / 1_000n; // +0.8%
    // A minute after the last update the ledger would take +0.0007%: not worth a message.
    expect(decideRateSync({ ...base, vaultRate })).toEqual({
      sync: false,
      reason: "under-threshold",
      applicableRate: WAD + ((WAD / 100n) * 60n) / DAY,
    });
    // Half a day later +0.5% is accepted: still not past 0.5%; a day later all of it is.
    expect(decideRateSync({ ...base, vaultRate, now: base.ledgerUpdatedAt + DAY / 2n }).sync).toBe(false);
    expect(decideRateSync({ ...base, vaultRate, now: base.ledgerUpdatedAt + DAY })).toEqual({
      sync: true,
      reason: "rose",
      applicableRate: vaultRate,
    });
    // A collateral whose rate may not grow at all never takes a rise: nothing to send.
    expect(
      decideRateSync({ ...base, vaultRate, now: base.ledgerUpdatedAt + DAY, maxRateGrowthPerDay: 0n }).sync,
    ).toBe(false);
  });

  test("a ledger without a rate takes any report; a clock behind the update counts no growth", () => {
    expect(decideRateSync({ ...base, ledgerRate: 0n, vaultRate: WAD })).toMatchObject({
      sync: true,
      reason: "rose",
    });
    expect(decideRateSync({ ...base, now: 0n, vaultRate: WAD * 2n })).toEqual({
      sync: false,
      reason: "under-threshold",
      applicableRate: WAD,
    });
  });
});
