// Internal: the default beneficiary or recipient of an action.
import type { Address } from "viem";
import { ActionError } from "../errors.js";
import type { BallastReadClient } from "./types.js";

/** `given`, else the client's account address; an ActionError when there is neither. */
export function accountAddress(client: BallastReadClient, given: Address | undefined, what: string): Address {
  const address = given ?? client.account?.address;
  if (address === undefined) throw new ActionError(`${what} is required when the client has no account`);
  return address;
}
