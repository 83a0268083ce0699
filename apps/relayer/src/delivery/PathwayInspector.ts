import { endpointV2Abi } from "@ballast/contracts";
import { Inject, Injectable, Logger } from "@nestjs/common";
import type { Address } from "viem";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { checkPathway, dvnsRequired, type PathwayReceiveConfig } from "./checkPathway.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import { PathwayConfigError, type PathwayIssue } from "./errors.js";
import { readUlnConfig } from "./readUlnConfig.js";

/** One pathway the relayer delivers on and its receive configuration on the destination endpoint. */
export interface InspectedPathway extends PathwayReceiveConfig {
  /** `a -> b (collateralVault -> marginLedger)`. */
  name: string;
  srcEid: number;
  dstEid: number;
  /** The sending OApp on the source chain. */
  sender: Address;
  /** The receiving OApp on the destination chain. */
  receiver: Address;
  refusals: string[];
  warnings: string[];
}

/**
 * Reads, for every pathway between two manifest chains (vault -> remote ledger, ledger -> remote
 * vault), the receiver's receive library for the source eid (`EndpointV2.getReceiveLibrary`) and
 * its effective ULN config (`getConfig(..., 2)`), logs each, and judges it with `checkPathway`
 * under `pathwayPolicy`. Production mode runs it at start and refuses to start
 * ({@link PathwayConfigError}) on any refusal: a pathway without a receive library, and what the
 * policy adds.
 */
@Injectable()
export class PathwayInspector {
  readonly #logger = new Logger(PathwayInspector.name);

  constructor(
    private readonly chains: ChainRegistry,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  /** Every pathway with its configuration and judgment. */
  async inspect(): Promise<InspectedPathway[]> {
    const all = this.chains.all();
    const reads: Promise<InspectedPathway>[] = [];
    for (const src of all) {
      for (const dst of all) {
        if (src === dst) continue;
        reads.push(this.#read(src, dst, "collateralVault", "marginLedger"));
        reads.push(this.#read(src, dst, "marginLedger", "collateralVault"));
      }
    }
    return Promise.all(reads);
  }

  /** {@link inspect}, logging each pathway; throws {@link PathwayConfigError} listing every refusal. */
  async check(): Promise<InspectedPathway[]> {
    const pathways = await this.inspect();
    const issues: PathwayIssue[] = [];
    for (const pathway of pathways) {
      this.#logger.log(`${pathway.name}: ${describe(pathway)}`);
      for (const warning of pathway.warnings) this.#logger.warn(`${pathway.name}: ${warning}`);
      for (const message of pathway.refusals) issues.push({ pathway: pathway.name, message });
    }
    if (issues.length > 0) throw new PathwayConfigError(issues);
    return pathways;
  }

  async #read(
    src: RelayerChain,
    dst: RelayerChain,
    senderRole: "collateralVault" | "marginLedger",
    receiverRole: "collateralVault" | "marginLedger",
  ): Promise<InspectedPathway> {
    const sender = src.manifest.contracts[senderRole];
    const receiver = dst.manifest.contracts[receiverRole];
    const srcEid = src.manifest.eid;
    let config: PathwayReceiveConfig = { library: undefined, isDefault: false, uln: undefined };
    try {
      const [library, isDefault] = await dst.publicClient.readContract({
        address: dst.manifest.endpoint,
        abi: endpointV2Abi,
        functionName: "getReceiveLibrary",
        args: [receiver, srcEid],
      });
      if (BigInt(library) !== 0n) {
        const uln = await readUlnConfig({
          publicClient: dst.publicClient,
          endpoint: dst.manifest.endpoint,
          receiver,
          library,
          srcEid,
        });
        config = { library, isDefault, uln };
      }
    } catch {
      // LZ_DefaultReceiveLibUnavailable: neither the receiver nor LayerZero set one
    }
    const { refusals, warnings } = checkPathway(config, this.options.pathwayPolicy);
    return {
      name: `${src.manifest.name} -> ${dst.manifest.name} (${senderRole} -> ${receiverRole})`,
      srcEid,
      dstEid: dst.manifest.eid,
      sender,
      receiver,
      ...config,
      refusals,
      warnings,
    };
  }
}

function describe(pathway: InspectedPathway): string {
  if (pathway.library === undefined) return "no receive library";
  const library = `receive library ${pathway.library}${pathway.isDefault ? " (LayerZero's default)" : ""}`;
  const { uln } = pathway;
  if (uln === undefined) return `${library}, not a ULN`;
  return (
    `${library}, ${dvnsRequired(uln)} DVNs must verify (required [${uln.requiredDVNs.join(", ")}], ` +
    `${uln.optionalDVNThreshold} of optional [${uln.optionalDVNs.join(", ")}]), ${uln.confirmations} confirmations`
  );
}
