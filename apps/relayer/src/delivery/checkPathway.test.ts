import type { UlnConfig } from "@ballast/sdk";
import { describe, expect, test } from "vitest";
import { checkPathway, dvnsRequired } from "./checkPathway.js";

const LIBRARY = "0x00000000000000000000000000000000000000aa";
const uln = (requiredDVNCount: number, optionalDVNThreshold: number): UlnConfig => ({
  confirmations: 15n,
  requiredDVNCount,
  optionalDVNCount: optionalDVNThreshold,
  optionalDVNThreshold,
  requiredDVNs: [],
  optionalDVNs: [],
});
const lenient = { refuseDefaultLibrary: false, minDvns: 0 };
const strict = { refuseDefaultLibrary: true, minDvns: 2 };

describe("checkPathway", () => {
  test("no receive library is refused under any policy", () => {
    for (const policy of [lenient, strict]) {
      expect(checkPathway({ library: undefined, isDefault: false, uln: undefined }, policy)).toEqual({
        refusals: ["no receive library"],
        warnings: [],
      });
    }
  });

  test("a default library and a single DVN are warnings by default, refusals under a strict policy", () => {
    const config = { library: LIBRARY, isDefault: true, uln: uln(1, 0) };
    expect(checkPathway(config, lenient)).toEqual({
      refusals: [],
      warnings: [
        "follows LayerZero's default receive library (not pinned by the OApp)",
        "only 1 DVN must verify it",
      ],
    });
    expect(checkPathway(config, strict).refusals).toHaveLength(2);
    // SimpleMessageLib (devnet): not a ULN
    expect(checkPathway({ library: LIBRARY, isDefault: false, uln: undefined }, lenient).warnings).toEqual([
      "its receive library is not a ULN: no DVN verifies it",
    ]);
  });

  test("a pinned library with 2 required DVNs, or 1 required and 1 of n optional, passes a strict policy", () => {
    expect(dvnsRequired(uln(1, 1))).toBe(2);
    for (const config of [uln(2, 0), uln(1, 1)]) {
      expect(checkPathway({ library: LIBRARY, isDefault: false, uln: config }, strict)).toEqual({
        refusals: [],
        warnings: [],
      });
    }
    expect(
      checkPathway({ library: LIBRARY, isDefault: false, uln: uln(2, 0) }, { ...strict, minDvns: 3 }),
    ).toEqual({
      refusals: ["only 2 DVNs must verify it, 3 required"],
      warnings: [],
    });
  });
});
