import type { UlnConfig } from "@ballast/sdk";

/** What production requires of a pathway's receive configuration beyond having a receive library. */
export interface PathwayPolicy {
  /** Refuse a pathway whose receiver follows LayerZero's default receive library (not pinned by the OApp). */
  refuseDefaultLibrary: boolean;
  /** Refuse a pathway fewer DVNs must verify (required + optional threshold); 0 accepts any, also a non-ULN library. */
  minDvns: number;
}

/** A pathway's receive configuration as read from the destination endpoint. */
export interface PathwayReceiveConfig {
  /** The receive library, or undefined when the endpoint has none for it (`LZ_DefaultReceiveLibUnavailable`). */
  library: string | undefined;
  /** True when it is LayerZero's default rather than one the receiver set. */
  isDefault: boolean;
  /** The ULN settings, when the library is a ULN. */
  uln: UlnConfig | undefined;
}

/** The result of {@link checkPathway}: refusals stop the relayer, warnings are logged. */
export interface CheckPathwayReturnType {
  refusals: string[];
  warnings: string[];
}

/** How many DVNs must verify a packet under `uln`: every required one plus the optional threshold. */
export function dvnsRequired(uln: UlnConfig): number {
  return uln.requiredDVNCount + uln.optionalDVNThreshold;
}

/**
 * Judges a pathway's receive configuration: no receive library is always refused (nothing could
 * verify its packets); a default library and fewer than two DVNs (a single verifier is the failure
 * mode behind the largest LayerZero-based bridge losses) are refused under `policy`, else warned about.
 *
 * @example
 * checkPathway({ library: undefined, isDefault: false, uln: undefined }, { refuseDefaultLibrary: false, minDvns: 0 });
 * // { refusals: ["no receive library"], warnings: [] }
 */
export function checkPathway(config: PathwayReceiveConfig, policy: PathwayPolicy): CheckPathwayReturnType {
  const refusals: string[] = [];
  const warnings: string[] = [];
  if (config.library === undefined) return { refusals: ["no receive library"], warnings };
  if (config.isDefault) {
    const message = "follows LayerZero's default receive library (not pinned by the OApp)";
    (policy.refuseDefaultLibrary ? refusals : warnings).push(message);
  }
  const dvns = config.uln === undefined ? 0 : dvnsRequired(config.uln);
  if (dvns < 2) {
    const message =
      config.uln === undefined
        ? "its receive library is not a ULN: no DVN verifies it"
        : `only ${dvns} DVN${dvns === 1 ? "" : "s"} must verify it`;
    (policy.minDvns > dvns ? refusals : warnings).push(message);
  } else if (policy.minDvns > dvns) {
    refusals.push(`only ${dvns} DVNs must verify it, ${policy.minDvns} required`);
  }
  return { refusals, warnings };
}
