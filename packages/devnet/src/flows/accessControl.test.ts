import { collateralVaultAbi, marginLedgerAbi, perpMarketAbi, riskEngineAbi } from "@ballast/contracts";
import type { Abi, AbiFunction, AbiParameter, Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestNetwork, ROLE, type TestChain, type TestNetwork } from "../testing/createTestNetwork.js";
import { decodeRevert } from "../testing/revertOf.js";
import {
  ACCESS_ERRORS,
  type BallastContractName,
  type Gate,
  PERMISSIONLESS,
  RESTRICTED,
} from "./permissionless.js";

const STRANGER = 9;
const NEW_OWNER = 10;

const ABIS: Record<BallastContractName, Abi> = {
  CollateralVault: collateralVaultAbi,
  MarginLedger: marginLedgerAbi,
  RiskEngine: riskEngineAbi,
  PerpMarket: perpMarketAbi,
};
const CONTRACTS = Object.keys(ABIS) as BallastContractName[];

/** Every function of an ABI that can change state. */
function stateChanging(abi: Abi): AbiFunction[] {
  return abi.filter(
    (item): item is AbiFunction =>
      item.type === "function" &&
      (item.stateMutability === "nonpayable" || item.stateMutability === "payable"),
  );
}

/** A well-formed value of an ABI type: enough for the call to reach its access check. */
function genericValue(parameter: AbiParameter, filler: Address): unknown {
  const { type } = parameter;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const [, inner = "", length] = array;
    const element = { ...parameter, type: inner };
    return Array.from({ length: length ? Number(length) : 1 }, () => genericValue(element, filler));
  }
  if (type === "tuple") {
    const components = "components" in parameter ? parameter.components : [];
    return Object.fromEntries(components.map((c, i) => [c.name ?? String(i), genericValue(c, filler)]));
  }
  if (type === "address") return filler;
  if (type === "bool") return true;
  if (type === "string") return "x";
  if (type === "bytes") return "0x01";
  const fixedBytes = /^bytes(\d+)$/.exec(type);
  if (fixedBytes) return `0x${"01".padStart(Number(fixedBytes[1]) * 2, "0")}`;
  const integer = /^u?int(\d*)$/.exec(type);
  if (integer) return Number(integer[1] || 256) <= 48 ? 1 : 1n; // viem: up to 48 bits is a number
  throw new Error(`no generic value for ABI type ${type}`);
}

/**
 * Every state-changing function of CollateralVault, MarginLedger, RiskEngine and PerpMarket,
 * classified in `permissionless.ts`: restricted ones refuse a stranger with their access error
 * and admit their caller; permissionless ones never refuse anyone for who they are.
 */
describe("access control of every state-changing function", () => {
  let net: TestNetwork;
  let chain: TestChain;

  beforeAll(async () => {
    net = await createTestNetwork({ chains: 2 });
    chain = net.chains[1] as TestChain;
  });
  afterAll(async () => {
    await net?.close();
  });

  const addressOf = (name: BallastContractName): Address => {
    const c = chain.deployment.contracts;
    return {
      CollateralVault: c.collateralVault,
      MarginLedger: c.marginLedger,
      RiskEngine: c.riskEngine,
      PerpMarket: c.perpMarket,
    }[name];
  };

  /**
   * How `account` calling `fn` with generic arguments ends: `undefined` when it would succeed, the
   * decoded revert, or `{ errorName: "(no data)" }` for a revert without data (a call into an EOA
   * given as a generic address): never an access error, which every contract here declares.
   */
  async function attempt(name: BallastContractName, fn: AbiFunction, account: Address) {
    const stranger = chain.address(STRANGER);
    return chain.publicClient
      .simulateContract({
        account,
        address: addressOf(name),
        abi: [fn],
        functionName: fn.name,
        args: fn.inputs.map((input) => genericValue(input, stranger)),
      })
      .then(
        () => undefined,
        (error: unknown) => decodeRevert(error) ?? { errorName: "(no data)", args: [] },
      );
  }

  it("test_abi_everyStateChangingFunctionIsClassified", () => {
    for (const name of CONTRACTS) {
      const functions = stateChanging(ABIS[name]).map((fn) => fn.name);
      const open = Object.keys(PERMISSIONLESS[name]);
      const restricted = Object.keys(RESTRICTED[name]);
      const unclassified = functions.filter((fn) => !open.includes(fn) && !restricted.includes(fn));
      const stale = [...open, ...restricted].filter((fn) => !functions.includes(fn));
      const both = open.filter((fn) => restricted.includes(fn));
      expect({ contract: name, unclassified, stale, both }).toEqual({
        contract: name,
        unclassified: [],
        stale: [],
        both: [],
      });
      expect(new Set(functions).size).toBe(functions.length); // no overloads to tell apart
    }
  });

  it("test_restricted_refuseAStrangerWithTheirAccessError", async () => {
    const stranger = chain.address(STRANGER);
    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const name of CONTRACTS) {
      for (const fn of stateChanging(ABIS[name])) {
        const restriction = RESTRICTED[name][fn.name];
        if (restriction === undefined) continue;
        expect(ACCESS_ERRORS).toContain(restriction.error);
        // Every access error names the refused caller.
        expected[`${name}.${fn.name}`] = { errorName: restriction.error, args: [stranger] };
        actual[`${name}.${fn.name}`] = await attempt(name, fn, stranger);
      }
    }
    expect(Object.keys(actual)).toHaveLength(
      CONTRACTS.reduce((sum, name) => sum + Object.keys(RESTRICTED[name]).length, 0),
    );
    expect(actual).toEqual(expected);
  });

  it("test_restricted_admitTheirOwnCaller", async () => {
    const c = chain.deployment;
    // A pending owner exists only once a transfer started (the snapshot undoes it after).
    const before = await net.snapshot();
    const newOwner = chain.address(NEW_OWNER);
    for (const name of CONTRACTS) {
      await chain.confirm(
        chain.wallet(ROLE.owner).writeContract({
          address: addressOf(name),
          abi: riskEngineAbi,
          functionName: "transferOwnership",
          args: [newOwner],
        }),
      );
    }
    const callers: Record<Gate, Address> = {
      owner: chain.address(ROLE.owner),
      guardian: chain.address(ROLE.guardian),
      pendingOwner: newOwner,
      market: c.contracts.perpMarket,
      localVault: c.contracts.collateralVault,
      localLedger: c.contracts.marginLedger,
      ledger: c.contracts.marginLedger,
      endpoint: c.endpoint,
    };
    try {
      const refusedOwnCaller: string[] = [];
      for (const name of CONTRACTS) {
        for (const fn of stateChanging(ABIS[name])) {
          const restriction = RESTRICTED[name][fn.name];
          if (restriction === undefined) continue;
          // It may still fail on its generic arguments, never on who calls.
          const revert = await attempt(name, fn, callers[restriction.gate]);
          if (revert?.errorName === restriction.error) refusedOwnCaller.push(`${name}.${fn.name}`);
        }
      }
      expect(refusedOwnCaller).toEqual([]);
    } finally {
      await before.restore();
    }
  });

  it("test_permissionless_neverRefuseACallerForWhoItIs", async () => {
    const stranger = chain.address(STRANGER);
    const refused: Record<string, string> = {};
    let checked = 0;
    for (const name of CONTRACTS) {
      for (const fn of stateChanging(ABIS[name])) {
        if (PERMISSIONLESS[name][fn.name] === undefined) continue;
        const revert = await attempt(name, fn, stranger);
        const accessError = ACCESS_ERRORS.find((error) => error === revert?.errorName);
        if (accessError !== undefined) refused[`${name}.${fn.name}`] = accessError;
        checked += 1;
      }
    }
    expect(checked).toBe(CONTRACTS.reduce((sum, name) => sum + Object.keys(PERMISSIONLESS[name]).length, 0));
    expect(refused).toEqual({});
  });
});
