// Internal: the one event an action's receipt must hold.
import {
  type Abi,
  type Address,
  type ContractEventName,
  isAddressEqual,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";
import { ActionError } from "../errors.js";

/** The first `eventName` log that `address` emitted in `receipt`, decoded; an ActionError when there is none. */
export function findEvent<const abi extends Abi, eventName extends ContractEventName<abi>>(
  receipt: TransactionReceipt,
  parameters: { abi: abi; eventName: eventName; address: Address },
): ParseEventLogsReturnType<abi, eventName, true>[number] {
  const { abi, eventName, address } = parameters;
  const logs = parseEventLogs({ abi, eventName, logs: receipt.logs });
  const log = logs.find((entry) => isAddressEqual(entry.address, address));
  if (log === undefined) {
    throw new ActionError(`transaction ${receipt.transactionHash} emitted no ${eventName} from ${address}`);
  }
  return log;
}
