import type { Manifest } from "@ballast/sdk";
import { getAddress } from "viem";
import { toProjectedChainReport } from "../projection/toProjectedChainReport.js";
import { type Finding, findingId } from "./Finding.js";
import type { DiscrepancyReport, LanesReport } from "./LanesReport.js";
import type { ReconciliationRun } from "./ReconciliationRun.js";

/** Parameters of {@link toLanesReport}. */
export interface ToLanesReportParameters {
  manifest: Manifest;
  run: ReconciliationRun | undefined;
  runs: number;
  lastError: string | undefined;
}

function toDiscrepancyReport(finding: Finding): DiscrepancyReport {
  return {
    id: findingId(finding),
    kind: finding.kind,
    invariant: finding.invariant,
    ...(finding.field === undefined ? {} : { field: finding.field }),
    expected: finding.expected.toString(),
    actual: finding.actual.toString(),
    guids: [...finding.guids],
    detail: finding.detail,
  };
}

const decimal = (value: bigint | undefined) => value?.toString() ?? null;

/** GET /lanes: the last run as the API shows it (amounts as decimal strings, chains named). */
export function toLanesReport(parameters: ToLanesReportParameters): LanesReport {
  const { manifest, run, runs, lastError } = parameters;
  const names = new Map(manifest.chains.map((chain) => [chain.eid, chain.name]));
  const tokens = new Map(
    manifest.chains.flatMap((chain) =>
      Object.entries(chain.tokens).map(([token, address]) => [
        `${chain.eid}:${address.toLowerCase()}`,
        token,
      ]),
    ),
  );
  const tokenOf = (eid: number, asset: string) => {
    const token = tokens.get(`${eid}:${asset}`);
    return token === undefined ? {} : { token };
  };
  const name = (eid: number) => names.get(eid) ?? String(eid);
  return {
    reconciledAt: run?.at.toISOString() ?? null,
    durationMs: run?.durationMs ?? null,
    runs,
    lastError: lastError ?? null,
    blocks: (run?.chains ?? []).map(toProjectedChainReport),
    lanes: (run?.lanes ?? []).map((lane) => ({
      vaultEid: lane.vaultEid,
      vaultChain: name(lane.vaultEid),
      ledgerEid: lane.ledgerEid,
      ledgerChain: name(lane.ledgerEid),
      asset: getAddress(lane.asset),
      ...tokenOf(lane.vaultEid, lane.asset),
      status: lane.status,
      vaultLocked: decimal(lane.vaultLocked),
      ledgerCredited: decimal(lane.ledgerCredited),
      inFlightLock: lane.inFlightLock.toString(),
      inFlightRelease: lane.inFlightRelease.toString(),
      inFlight: lane.inFlight.map((m) => ({
        guid: m.guid,
        kind: m.kind,
        amount: m.amount.toString(),
        ageSeconds: m.ageSeconds ?? null,
      })),
      vaultBlock: decimal(lane.vaultBlock),
      ledgerBlock: decimal(lane.ledgerBlock),
      discrepancies: lane.discrepancies.map(toDiscrepancyReport),
      pending: lane.pending.map(toDiscrepancyReport),
      ...(lane.note === undefined ? {} : { note: lane.note }),
    })),
    vaults: (run?.vaults ?? []).map((vault) => ({
      vaultEid: vault.vaultEid,
      vaultChain: name(vault.vaultEid),
      asset: getAddress(vault.asset),
      ...tokenOf(vault.vaultEid, vault.asset),
      status: vault.status,
      blockNumber: decimal(vault.blockNumber),
      balance: decimal(vault.balance),
      totalLocked: decimal(vault.totalLocked),
      totalClaimable: decimal(vault.totalClaimable),
      locksPaused: vault.locksPaused ?? null,
      discrepancies: vault.discrepancies.map(toDiscrepancyReport),
      ...(vault.note === undefined ? {} : { note: vault.note }),
    })),
  };
}
