import {
  collateralVaultAbi,
  endpointV2Abi,
  marginLedgerAbi,
  perpMarketAbi,
  riskEngineAbi,
} from "@ballast/contracts";
import type { ManifestChain } from "@ballast/sdk";
import type { Abi, AbiEvent, Address } from "viem";
import type { ContractRole } from "../store/StoreSchema.js";

/** The endpoint events the indexer keeps: a packet's life from send to delivery. */
export const ENDPOINT_EVENTS = ["PacketSent", "PacketVerified", "PacketDelivered"] as const;

/** A contract whose logs a chain's indexer keeps. */
export interface WatchedContract {
  role: ContractRole;
  /** Lowercase. */
  address: Address;
  /** The events of it that are kept. */
  events: readonly AbiEvent[];
}

function eventsOf(abi: Abi, only?: readonly string[]): AbiEvent[] {
  return abi.filter(
    (item): item is AbiEvent => item.type === "event" && (only === undefined || only.includes(item.name)),
  );
}

/**
 * The contracts of a manifest chain the indexer reads, with the events kept of each: every
 * event of the vault, ledger, risk engine and perp market, and the endpoint's packet events.
 */
export function watchedContracts(chain: ManifestChain): WatchedContract[] {
  const { contracts, endpoint } = chain;
  const watched: [ContractRole, Address, AbiEvent[]][] = [
    ["collateralVault", contracts.collateralVault, eventsOf(collateralVaultAbi)],
    ["marginLedger", contracts.marginLedger, eventsOf(marginLedgerAbi)],
    ["riskEngine", contracts.riskEngine, eventsOf(riskEngineAbi)],
    ["perpMarket", contracts.perpMarket, eventsOf(perpMarketAbi)],
    ["endpoint", endpoint, eventsOf(endpointV2Abi, ENDPOINT_EVENTS)],
  ];
  return watched.map(([role, address, events]) => ({
    role,
    // lowercase hex stays an address
    address: address.toLowerCase() as Address,
    events,
  }));
}
