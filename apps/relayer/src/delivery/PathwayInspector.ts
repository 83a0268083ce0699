import { endpointV2Abi } from "@ballast/contracts";
import { Inject, Injectable, Logger } from "@nestjs/common";
import type { Address } from "viem";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { checkPathway, type PathwayConfig } from "./checkPathway.js";
import { DELIVERY_OPTIONS, type DeliveryOptions } from "./deliveryOptions.js";
import { PathwayConfigError, type PathwayIssue } from "./errors.js";
import { isContractRevert } from "./isContractRevert.js";
import { readUlnConfig } from "./readUlnConfig.js";

/** One pathway the relayer delivers on and its LayerZero configuration on both endpoints. */
export interface InspectedPathway extends PathwayConfig {
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

type OAppRole = "collateralVault" | "marginLedger";

/**
 * Reads, for every pathway between two manifest chains (vault -> remote ledger, ledger -> remote
 * vault), the receiver's receive library for the source eid on the destination endpoint
 * (`getReceiveLibrary`) with its effective ULN config (`getConfig(..., 2)`) and, for a pinned one, a
 * previous library still in its grace period (`receiveLibraryTimeout`), and the sender's send
 * library for the destination eid on the source endpoint (`getSendLibrary`,
 * `isDefaultSendLibrary`); logs each and judges it with `checkPathway` under `pathwayPolicy`.
 * Production mode runs it at start and refuses to start ({@link PathwayConfigError}) on any
 * refusal. A read the RPC fails (rather than the contract refusing it) is thrown as it is.
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
    senderRole: OAppRole,
    receiverRole: OAppRole,
  ): Promise<InspectedPathway> {
    const sender = src.manifest.contracts[senderRole];
    const receiver = dst.manifest.contracts[receiverRole];
    const srcEid = src.manifest.eid;
    const dstEid = dst.manifest.eid;
    const [receive, send] = await Promise.all([
      this.#readReceive(dst, receiver, srcEid),
      this.#readSend(src, sender, dstEid),
    ]);
    const config: PathwayConfig = { ...receive, ...send };
    const { refusals, warnings } = checkPathway(config, this.options.pathwayPolicy);
    return {
      name: `${src.manifest.name} -> ${dst.manifest.name} (${senderRole} -> ${receiverRole})`,
      srcEid,
      dstEid,
      sender,
      receiver,
      ...config,
      refusals,
      warnings,
    };
  }

  async #readReceive(
    dst: RelayerChain,
    receiver: Address,
    srcEid: number,
  ): Promise<Pick<PathwayConfig, "receiveLibrary" | "isDefaultReceiveLibrary" | "uln" | "graceLibrary">> {
    const { publicClient, manifest } = dst;
    let library: Address;
    let isDefault: boolean;
    try {
      [library, isDefault] = await publicClient.readContract({
        address: manifest.endpoint,
        abi: endpointV2Abi,
        functionName: "getReceiveLibrary",
        args: [receiver, srcEid],
      });
    } catch (error) {
      // LZ_DefaultReceiveLibUnavailable: neither the receiver nor LayerZero set one
      if (isContractRevert(error)) {
        return {
          receiveLibrary: undefined,
          isDefaultReceiveLibrary: true,
          uln: undefined,
          graceLibrary: undefined,
        };
      }
      throw error;
    }
    if (BigInt(library) === 0n) {
      return {
        receiveLibrary: undefined,
        isDefaultReceiveLibrary: isDefault,
        uln: undefined,
        graceLibrary: undefined,
      };
    }
    const [uln, graceLibrary] = await Promise.all([
      readUlnConfig({ publicClient, endpoint: manifest.endpoint, receiver, library, srcEid }),
      // A default-following receiver is under LayerZero's own timeout; only a pinned one has its own.
      isDefault ? undefined : this.#readGraceLibrary(dst, receiver, srcEid),
    ]);
    return { receiveLibrary: library, isDefaultReceiveLibrary: isDefault, uln, graceLibrary };
  }

  /** The receiver's previous receive library while the endpoint still accepts it (`isValidReceiveLibrary`). */
  async #readGraceLibrary(
    dst: RelayerChain,
    receiver: Address,
    srcEid: number,
  ): Promise<PathwayConfig["graceLibrary"]> {
    const { publicClient, manifest } = dst;
    const [[library, expiry], blockNumber] = await Promise.all([
      publicClient.readContract({
        address: manifest.endpoint,
        abi: endpointV2Abi,
        functionName: "receiveLibraryTimeout",
        args: [receiver, srcEid],
      }),
      publicClient.getBlockNumber(),
    ]);
    return BigInt(library) !== 0n && expiry > blockNumber ? { library, expiry } : undefined;
  }

  async #readSend(
    src: RelayerChain,
    sender: Address,
    dstEid: number,
  ): Promise<Pick<PathwayConfig, "sendLibrary" | "isDefaultSendLibrary">> {
    const { publicClient, manifest } = src;
    const onEndpoint = { address: manifest.endpoint, abi: endpointV2Abi } as const;
    const [isDefaultSendLibrary, sendLibrary] = await Promise.all([
      publicClient.readContract({
        ...onEndpoint,
        functionName: "isDefaultSendLibrary",
        args: [sender, dstEid],
      }),
      publicClient
        .readContract({ ...onEndpoint, functionName: "getSendLibrary", args: [sender, dstEid] })
        .catch((error: unknown) => {
          // LZ_DefaultSendLibUnavailable: neither the sender nor LayerZero set one
          if (isContractRevert(error)) return undefined;
          throw error;
        }),
    ]);
    return {
      sendLibrary: sendLibrary === undefined || BigInt(sendLibrary) === 0n ? undefined : sendLibrary,
      isDefaultSendLibrary,
    };
  }
}

/** One log line: both libraries, and the ULN's DVNs (required and optional) and confirmations. */
function describe(pathway: InspectedPathway): string {
  const send =
    pathway.sendLibrary === undefined
      ? "no send library"
      : `send library ${pathway.sendLibrary}${pathway.isDefaultSendLibrary ? " (LayerZero's default)" : " (pinned)"}`;
  if (pathway.receiveLibrary === undefined) return `${send}, no receive library`;
  const receive = `receive library ${pathway.receiveLibrary}${pathway.isDefaultReceiveLibrary ? " (LayerZero's default)" : " (pinned)"}`;
  const grace =
    pathway.graceLibrary === undefined
      ? ""
      : `, previous receive library ${pathway.graceLibrary.library} until block ${pathway.graceLibrary.expiry}`;
  const { uln } = pathway;
  if (uln === undefined) return `${send}, ${receive}${grace}, not a ULN`;
  return (
    `${send}, ${receive}${grace}, ${uln.requiredDVNCount} required DVNs [${uln.requiredDVNs.join(", ")}], ` +
    `${uln.optionalDVNThreshold} of ${uln.optionalDVNCount} optional DVNs [${uln.optionalDVNs.join(", ")}], ` +
    `${uln.confirmations} confirmations`
  );
}
