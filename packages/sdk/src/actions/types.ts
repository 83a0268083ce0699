import type { Account, Chain, Client, Transport } from "viem";

/**
 * The client of a state-changing action: any viem client with an account and a chain, typically
 * a wallet client. Reads (allowance, fee quotes, simulation, receipts) go through the same client's
 * transport, so it needs no `publicActions`.
 */
export type BallastWalletClient = Client<Transport, Chain, Account>;

/** The client of a read-only action (quotes, `getAccount`): any viem client, public or wallet. */
export type BallastReadClient = Client<Transport, Chain | undefined, Account | undefined>;

/** LayerZero's messaging fee, in wei of the chain's native token (`lzTokenFee` is always 0 here). */
export interface MessagingFee {
  nativeFee: bigint;
  lzTokenFee: bigint;
}
