import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors.js";
import { A, B, eventsUpTo, lockGuid, scenario, WAD, weth } from "../test/scenario.js";
import { applyEvents } from "./applyEvents.js";
import { createProjection } from "./createProjection.js";
import { getLane } from "./getLane.js";
import { listLanes } from "./listLanes.js";

describe("getLane", () => {
  it("is all zeros for a lane never seen", () => {
    expect(getLane(createProjection(), A, B, weth)).toEqual({
      vaultEid: A,
      ledgerEid: B,
      asset: weth,
      lockedSent: 0n,
      credited: 0n,
      releaseRequested: 0n,
      released: 0n,
      vaultLocked: 0n,
      ledgerCredited: 0n,
      inFlightLock: 0n,
      inFlightRelease: 0n,
      inFlight: [],
      unmatchedDeliveries: [],
      conserved: true,
    });
  });

  it("lists the LOCK in flight with its age, and accepts any address case", () => {
    const state = applyEvents(createProjection(), eventsUpTo("lock"));
    const lane = getLane(state, A, B, weth.toUpperCase().replace("0X", "0x"), { now: 1_090n });
    expect(lane).toMatchObject({
      lockedSent: 2n * WAD,
      vaultLocked: 2n * WAD,
      ledgerCredited: 0n,
      conserved: true,
    });
    expect(lane.inFlight).toMatchObject([{ guid: lockGuid, amount: 2n * WAD, age: 90n }]);
    expect(listLanes(state)).toEqual([{ vaultEid: A, ledgerEid: B, asset: weth }]);
  });

  it("is not conserved while a delivery's send is unseen, and lists it", () => {
    const lane = getLane(applyEvents(createProjection(), scenario().credit), A, B, weth);
    expect(lane).toMatchObject({
      credited: 2n * WAD,
      ledgerCredited: 2n * WAD,
      vaultLocked: 0n,
      conserved: false,
    });
    expect(lane.unmatchedDeliveries).toEqual([lockGuid]);
  });

  it("refuses a malformed asset", () => {
    expect(() => getLane(createProjection(), A, B, "weth")).toThrow(InvalidInputError);
  });
});
