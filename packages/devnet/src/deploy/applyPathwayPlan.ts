import { endpointV2Abi } from "@ballast/contracts";
import { CONFIG_TYPE, encodeUlnConfig } from "@ballast/sdk";
import { type Address, type Hex, isAddressEqual } from "viem";
import type { Transactor } from "../ballast/transactor.js";
import { encodeExecutorConfig } from "./encodeExecutorConfig.js";
import { NetworkDeploymentError } from "./errors.js";
import type { PathwayPlan } from "./planPathways.js";

/** Parameters of {@link applyPathwayPlan}. */
export interface ApplyPathwayPlanParameters {
  /** Sends as the OApps' delegate (or owner): `EndpointV2.setConfig` refuses anyone else. */
  tx: Transactor;
  endpoint: Address;
  /** The OApps to configure, named for error messages (`vault`, `ledger`). */
  oapps: readonly { name: string; address: Address }[];
  plan: PathwayPlan;
}

/** What {@link applyPathwayPlan} configured for one OApp. */
export interface AppliedPathway {
  oapp: Address;
  remoteEid: number;
  /** The library the OApp sends to `remoteEid` through (LayerZero's default unless the OApp set one). */
  sendLibrary: Address;
  /** The library the OApp receives from `remoteEid` through. */
  receiveLibrary: Address;
}

/**
 * Pins each OApp's send and receive library for `remoteEid` to the ones it resolves now (LayerZero's
 * defaults when it set none: `setSendLibrary`, `setReceiveLibrary` with no grace period), then
 * writes one pathway's LayerZero settings on each OApp with `EndpointV2.setConfig(oapp, lib, params)`:
 * on the send library the OApp resolves for `remoteEid`, the ULN config (type 2) and the
 * executor config (type 1) when the plan has one; on its receive library, the receive ULN config.
 * The endpoint checks the caller is the OApp or its delegate; the library checks the encoding
 * (sorted DVNs, counts, threshold) and that LayerZero supports `remoteEid` on it.
 */
export async function applyPathwayPlan(parameters: ApplyPathwayPlanParameters): Promise<AppliedPathway[]> {
  const { tx, endpoint, oapps, plan } = parameters;
  const { remoteEid } = plan;
  const onEndpoint = { address: endpoint, abi: endpointV2Abi } as const;
  const applied: AppliedPathway[] = [];
  for (const { name, address: oapp } of oapps) {
    const sendLibrary = await tx.read(`${name}: endpoint.getSendLibrary(${remoteEid})`, () =>
      tx.publicClient.readContract({
        ...onEndpoint,
        functionName: "getSendLibrary",
        args: [oapp, remoteEid],
      }),
    );
    const [receiveLibrary, receiveIsDefault] = await tx.read(
      `${name}: endpoint.getReceiveLibrary(${remoteEid})`,
      () =>
        tx.publicClient.readContract({
          ...onEndpoint,
          functionName: "getReceiveLibrary",
          args: [oapp, remoteEid],
        }),
    );
    if (isAddressEqual(sendLibrary, receiveLibrary)) {
      // One contract keeps one ULN config per OApp and eid: send and receive would overwrite each other.
      throw new NetworkDeploymentError(
        `${name}: send and receive library for eid ${remoteEid} are one contract (${sendLibrary})`,
      );
    }
    // Pinned: an OApp that follows LayerZero's defaults would move to whatever library (and DVN
    // set) LayerZero makes the default later, and the relayer's production mode refuses it.
    const sendIsDefault = await tx.read(`${name}: endpoint.isDefaultSendLibrary(${remoteEid})`, () =>
      tx.publicClient.readContract({
        ...onEndpoint,
        functionName: "isDefaultSendLibrary",
        args: [oapp, remoteEid],
      }),
    );
    if (sendIsDefault) {
      await tx.send(`${name}: setSendLibrary(eid ${remoteEid})`, () =>
        tx.walletClient.writeContract({
          ...onEndpoint,
          functionName: "setSendLibrary",
          args: [oapp, remoteEid, sendLibrary],
        }),
      );
    }
    if (receiveIsDefault) {
      await tx.send(`${name}: setReceiveLibrary(eid ${remoteEid})`, () =>
        tx.walletClient.writeContract({
          ...onEndpoint,
          functionName: "setReceiveLibrary",
          args: [oapp, remoteEid, receiveLibrary, 0n],
        }),
      );
    }
    const sendParams: { eid: number; configType: number; config: Hex }[] = [
      { eid: remoteEid, configType: CONFIG_TYPE.ULN, config: encodeUlnConfig(plan.send) },
    ];
    if (plan.executor !== undefined) {
      sendParams.push({
        eid: remoteEid,
        configType: CONFIG_TYPE.EXECUTOR,
        config: encodeExecutorConfig(plan.executor),
      });
    }
    await tx.send(`${name}: setConfig(send library, eid ${remoteEid})`, () =>
      tx.walletClient.writeContract({
        ...onEndpoint,
        functionName: "setConfig",
        args: [oapp, sendLibrary, sendParams],
      }),
    );
    await tx.send(`${name}: setConfig(receive library, eid ${remoteEid})`, () =>
      tx.walletClient.writeContract({
        ...onEndpoint,
        functionName: "setConfig",
        args: [
          oapp,
          receiveLibrary,
          [{ eid: remoteEid, configType: CONFIG_TYPE.ULN, config: encodeUlnConfig(plan.receive) }],
        ],
      }),
    );
    applied.push({ oapp, remoteEid, sendLibrary, receiveLibrary });
  }
  return applied;
}
