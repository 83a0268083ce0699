import type { NetworkChainConfig, NetworkConfig } from "@ballast/sdk";
import { NIL_CONFIRMATIONS, NIL_DVN_COUNT, type UlnConfig } from "@ballast/sdk";
import { type Address, zeroAddress } from "viem";
import type { ExecutorConfig } from "./encodeExecutorConfig.js";
import { PathwayConfigError } from "./errors.js";

/** `UlnBase.MAX_COUNT`: most required (and most optional) DVNs an OApp may name. */
const MAX_DVN_COUNT = 127;

/** The LayerZero settings one chain's OApps get for one remote chain. */
export interface PathwayPlan {
  remoteEid: number;
  /** On the send library, for messages to `remoteEid`: this chain's confirmations and DVNs. */
  send: UlnConfig;
  /** On the receive library, for messages from `remoteEid`: this chain's DVNs, the remote's confirmations. */
  receive: UlnConfig;
  /** On the send library when the pathway names an executor (maxMessageSize 0: LayerZero's default). */
  executor: ExecutorConfig | undefined;
}

type Pathway = NetworkChainConfig["pathways"][number];

/** Addresses sorted ascending by value, as the ULN requires; a repeated one is refused. */
function sortDvns(dvns: readonly Address[], what: string): Address[] {
  const sorted = [...dvns].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (BigInt(sorted[i] as Address) === BigInt(sorted[i - 1] as Address)) {
      throw new PathwayConfigError(`${what} repeat ${sorted[i]}`);
    }
  }
  if (sorted.length > MAX_DVN_COUNT) {
    throw new PathwayConfigError(`${what}: ${sorted.length} DVNs, LayerZero allows ${MAX_DVN_COUNT}`);
  }
  return sorted;
}

/**
 * The OApp's `UlnConfig` for `confirmations` and `pathway`'s DVNs, literal rather than inherited:
 * 0 confirmations and "no optional DVNs" are written as LayerZero's NIL values, because an OApp's
 * 0 means "use LayerZero's default" (UlnBase.getUlnConfig) and would let the default's values in.
 */
function ulnConfig(pathway: Pathway, confirmations: number, what: string): UlnConfig {
  const requiredDVNs = sortDvns(pathway.requiredDvns, `${what}: requiredDvns`);
  const optionalDVNs = sortDvns(pathway.optionalDvns, `${what}: optionalDvns`);
  const threshold = pathway.optionalDvnThreshold;
  if (optionalDVNs.length > 0 && (threshold < 1 || threshold > optionalDVNs.length)) {
    throw new PathwayConfigError(
      `${what}: optionalDvnThreshold must be from 1 to ${optionalDVNs.length}, got ${threshold}`,
    );
  }
  if (optionalDVNs.length === 0 && threshold !== 0) {
    throw new PathwayConfigError(`${what}: optionalDvnThreshold ${threshold} without optional DVNs`);
  }
  return {
    confirmations: confirmations === 0 ? NIL_CONFIRMATIONS : BigInt(confirmations),
    requiredDVNCount: requiredDVNs.length,
    optionalDVNCount: optionalDVNs.length === 0 ? NIL_DVN_COUNT : optionalDVNs.length,
    optionalDVNThreshold: optionalDVNs.length === 0 ? 0 : threshold,
    requiredDVNs,
    optionalDVNs,
  };
}

/**
 * The LayerZero settings of every pathway of a network config, per chain in the config's order,
 * checked before anything is sent. A pathway from chain X to chain R sets, on X's OApps:
 * - the send library's ULN config for R: X's `confirmations` and X's DVNs (DVN contracts are
 *   per chain, so the addresses are X's), and its executor config when `executor` is given;
 * - the receive library's ULN config for R: X's DVNs, with R's `confirmations` toward X (the blocks
 *   R's DVNs wait on R before verifying on X; a higher number here would leave R's messages unverifiable).
 *
 * Ballast's OApps send both ways (LOCK one way, RELEASE back), so a pathway needs its reverse, and
 * both must name as many required DVNs, optional DVNs and threshold: X's receive library waits for
 * X's DVNs, which only verify what R's send library assigned to the same operators.
 * Throws a {@link PathwayConfigError} naming the chain and remote eid.
 */
export function planPathways(config: NetworkConfig): PathwayPlan[][] {
  const byEid = new Map(config.chains.map((chain) => [chain.eid, chain]));
  return config.chains.map((chain) => {
    const remotes = new Set<number>();
    return chain.pathways.map((pathway) => {
      const what = `chain ${chain.name}: pathway to eid ${pathway.remoteEid}`;
      if (remotes.has(pathway.remoteEid)) throw new PathwayConfigError(`${what} is given twice`);
      remotes.add(pathway.remoteEid);
      const remote = byEid.get(pathway.remoteEid);
      if (remote === undefined || remote.eid === chain.eid) {
        throw new PathwayConfigError(`${what}: no other chain has that eid`);
      }
      const reverse = remote.pathways.find(({ remoteEid }) => remoteEid === chain.eid);
      if (reverse === undefined) {
        throw new PathwayConfigError(
          `${what}: chain ${remote.name} has no pathway back to eid ${chain.eid} (Ballast sends both ways)`,
        );
      }
      const counts = (p: Pathway) =>
        `${p.requiredDvns.length} required, ${p.optionalDvns.length} optional, threshold ${p.optionalDvnThreshold}`;
      if (counts(pathway) !== counts(reverse)) {
        throw new PathwayConfigError(
          `${what}: DVNs (${counts(pathway)}) differ from chain ${remote.name}'s toward it (${counts(reverse)})`,
        );
      }
      return {
        remoteEid: pathway.remoteEid,
        send: ulnConfig(pathway, pathway.confirmations, what),
        receive: ulnConfig(pathway, reverse.confirmations, what),
        executor:
          pathway.executor === undefined || pathway.executor === zeroAddress
            ? undefined
            : { maxMessageSize: 0, executor: pathway.executor },
      };
    });
  });
}
