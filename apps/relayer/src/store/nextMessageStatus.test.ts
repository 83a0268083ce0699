import { describe, expect, test } from "vitest";
import { nextMessageStatus } from "./nextMessageStatus.js";
import { MESSAGE_STATUSES } from "./StoreSchema.js";

describe("nextMessageStatus", () => {
  test("a delivery on chain makes every status delivered", () => {
    for (const status of MESSAGE_STATUSES) {
      expect(nextMessageStatus(status, { verified: true, delivered: true })).toBe("delivered");
    }
  });
  test("verification moves sent forward only", () => {
    expect(nextMessageStatus("sent", { verified: true, delivered: false })).toBe("verified");
    expect(nextMessageStatus("failed", { verified: true, delivered: false })).toBe("failed");
    expect(nextMessageStatus("dead", { verified: true, delivered: false })).toBe("dead");
  });
  test("a reorg that removes the facts moves the status back", () => {
    expect(nextMessageStatus("delivered", { verified: true, delivered: false })).toBe("verified");
    expect(nextMessageStatus("delivered", { verified: false, delivered: false })).toBe("sent");
    expect(nextMessageStatus("verified", { verified: false, delivered: false })).toBe("sent");
  });
  test("no facts leave a delivery judgment alone", () => {
    for (const status of ["sent", "failed", "stuck", "dead"] as const) {
      expect(nextMessageStatus(status, { verified: false, delivered: false })).toBe(status);
    }
  });
});
