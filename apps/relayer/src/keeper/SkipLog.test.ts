import type { Logger } from "@nestjs/common";
import { expect, test } from "vitest";
import { SkipLog } from "./SkipLog.js";

test("SkipLog logs a skip once per reason, the repeats at debug, and again after clear", () => {
  const lines: string[] = [];
  const logger = {
    log: (message: string) => lines.push(`log ${message}`),
    debug: (message: string) => lines.push(`debug ${message}`),
  };
  // The two methods SkipLog calls.
  const skips = new SkipLog(logger as unknown as Logger);
  skips.skipped("a", "no_funds", "1");
  skips.skipped("a", "no_funds", "2");
  skips.skipped("b", "no_funds", "3");
  skips.skipped("a", "unprofitable", "4");
  skips.clear("a");
  skips.skipped("a", "unprofitable", "5");
  expect(lines).toEqual(["log 1", "debug 2", "log 3", "log 4", "log 5"]);
});
