import type { UlnConfig } from "@ballast/sdk";

/** What a pathway's LayerZero configuration must meet beyond having a receive library (always required). */
export interface PathwayPolicy {
  /** Refuse a pathway whose receiver follows LayerZero's default receive library (not pinned by the OApp). */
  refuseDefaultReceiveLibrary: boolean;
  /** Refuse a pathway whose sender follows LayerZero's default send library, or has none, on the source endpoint. */
  refuseDefaultSendLibrary: boolean;
  /**
   * Refuse a pathway whose receiver's previous receive library still verifies packets (the grace
   * period of `setReceiveLibrary`/`setReceiveLibraryTimeout` not over): the rules below bind
   * only the current library.
   */
  refuseGraceLibrary: boolean;
  /**
   * Refuse a pathway fewer REQUIRED DVNs must verify (optional DVNs and their threshold do not
   * count); above 0 it also refuses a receive library that is not a ULN (no DVN verifies it).
   */
  minRequiredDvns: number;
}

/**
 * Production: the rule of issue 6. Each receiver and sender pins its libraries, and at least 2
 * required DVNs verify every packet: a single verifier on a pathway is the failure mode behind the
 * largest LayerZero-based bridge losses.
 */
export const PRODUCTION_PATHWAY_POLICY: Readonly<PathwayPolicy> = Object.freeze({
  refuseDefaultReceiveLibrary: true,
  refuseDefaultSendLibrary: true,
  refuseGraceLibrary: true,
  minRequiredDvns: 2,
});

/** Devnet: only a missing receive library is refused; what production would refuse is warned about. */
export const DEVNET_PATHWAY_POLICY: Readonly<PathwayPolicy> = Object.freeze({
  refuseDefaultReceiveLibrary: false,
  refuseDefaultSendLibrary: false,
  refuseGraceLibrary: false,
  minRequiredDvns: 0,
});

/** Fewest required DVNs below which a pathway is warned about even where the policy does not refuse it. */
export const SAFE_REQUIRED_DVNS = 2;

/** A pathway's LayerZero configuration as read from its source and destination endpoints. */
export interface PathwayConfig {
  /** The receiver's receive library, or undefined when the endpoint has none (`LZ_DefaultReceiveLibUnavailable`). */
  receiveLibrary: string | undefined;
  /** True when it is LayerZero's default rather than one the receiver set. */
  isDefaultReceiveLibrary: boolean;
  /** The effective ULN settings of the receive library, when it is a ULN. */
  uln: UlnConfig | undefined;
  /**
   * A previous receive library of a pinned receiver that the endpoint still accepts verifications
   * from (`receiveLibraryTimeout`, its expiry block not reached), or undefined.
   */
  graceLibrary: { library: string; expiry: bigint } | undefined;
  /** The sender's send library, or undefined when the source endpoint has none (`LZ_DefaultSendLibUnavailable`). */
  sendLibrary: string | undefined;
  /** True when the sender follows LayerZero's default send library rather than one it set. */
  isDefaultSendLibrary: boolean;
}

/** The result of {@link checkPathway}: refusals stop the relayer, warnings are logged. */
export interface CheckPathwayReturnType {
  refusals: string[];
  warnings: string[];
}

/**
 * Judges a pathway's configuration. No receive library is always refused (nothing could verify
 * its packets); under `policy`, a default receive library, a previous receive library still in its
 * grace period, a default (or missing) send library, a receive library that is not a ULN and fewer required DVNs than `minRequiredDvns` are refused,
 * and otherwise warned about (fewer than {@link SAFE_REQUIRED_DVNS} required DVNs included).
 *
 * @example
 * checkPathway(config, PRODUCTION_PATHWAY_POLICY);
 * // { refusals: ["only 1 required DVN (optional DVNs do not count), at least 2 needed"], warnings: [] }
 */
export function checkPathway(config: PathwayConfig, policy: PathwayPolicy): CheckPathwayReturnType {
  const refusals: string[] = [];
  const warnings: string[] = [];
  const judge = (refuse: boolean, message: string) => (refuse ? refusals : warnings).push(message);

  if (config.receiveLibrary === undefined) {
    refusals.push("no receive library");
  } else {
    if (config.isDefaultReceiveLibrary) {
      judge(
        policy.refuseDefaultReceiveLibrary,
        "the receiver follows LayerZero's default receive library (not pinned)",
      );
    }
    if (config.graceLibrary !== undefined) {
      const { library, expiry } = config.graceLibrary;
      judge(
        policy.refuseGraceLibrary,
        `its previous receive library ${library} still verifies packets until block ${expiry} (grace period)`,
      );
    }
    if (config.uln === undefined) {
      judge(policy.minRequiredDvns > 0, "its receive library is not a ULN: no DVN verifies it");
    } else {
      const required = config.uln.requiredDVNCount;
      const needed = Math.max(policy.minRequiredDvns, SAFE_REQUIRED_DVNS);
      if (required < needed) {
        judge(
          required < policy.minRequiredDvns,
          `only ${required} required DVN${required === 1 ? "" : "s"} (optional DVNs do not count), at least ${needed} needed`,
        );
      }
    }
  }
  if (config.sendLibrary === undefined) {
    judge(policy.refuseDefaultSendLibrary, "no send library on the source endpoint: the sender cannot send");
  } else if (config.isDefaultSendLibrary) {
    judge(
      policy.refuseDefaultSendLibrary,
      "the sender follows LayerZero's default send library (not pinned)",
    );
  }
  return { refusals, warnings };
}
