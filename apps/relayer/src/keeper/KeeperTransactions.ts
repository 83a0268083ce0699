import { Injectable, Logger } from "@nestjs/common";
import type { Account, Chain, Hash, Hex, TransactionReceipt, Transport, WalletClient } from "viem";
import {
  call,
  estimateGas,
  getTransactionReceipt,
  sendTransaction,
  waitForTransactionReceipt,
} from "viem/actions";
import type { RelayerChain } from "../chains/ChainRegistry.js";
import { type DescribedRevert, describeRevert } from "./describeRevert.js";

/** A keeper call on one chain. */
export interface KeeperCall {
  chain: RelayerChain;
  wallet: WalletClient<Transport, Chain, Account>;
  to: Hex;
  data: Hex;
  /** Wei sent along (a LayerZero fee). */
  value?: bigint | undefined;
}

/** The return type of {@link KeeperTransactions.send}. */
export type KeeperSendReturnType =
  | { status: "success"; transactionHash: Hash; receipt: TransactionReceipt }
  /** Mined and reverted; `error` is the revert replayed on the block before (best effort). */
  | { status: "reverted"; transactionHash: Hash; receipt: TransactionReceipt; error: string; reason: string }
  /** Not broadcast (the node refused it, the RPC failed). */
  | { status: "failed"; error: string; reason: string }
  /** Broadcast but no receipt in time: remembered as pending, so the same work is not sent again. */
  | { status: "timeout"; transactionHash: Hash };

/** How long {@link KeeperTransactions.send} waits for a receipt. */
export const RECEIPT_TIMEOUT_MS = 60_000;

/**
 * The keeper's transactions: gas estimates, sends that wait for their receipt, and a memory of
 * transactions broadcast without a receipt yet, by the caller's key (e.g. `position:40102:0xabc...`),
 * so a later run does not send the same liquidation again while the first is still in the mempool.
 * Nonces come from the chain registry's wallet clients (one nonce manager per registry).
 */
@Injectable()
export class KeeperTransactions {
  readonly #logger = new Logger("Keeper");
  readonly #pending = new Map<string, { chain: RelayerChain; hash: Hash }>();

  /** Whether a transaction sent earlier under `key` is still without a receipt (checked on chain; a mined one is forgotten). */
  async isPending(key: string): Promise<boolean> {
    const pending = this.#pending.get(key);
    if (pending === undefined) return false;
    try {
      await getTransactionReceipt(pending.chain.publicClient, { hash: pending.hash });
      this.#pending.delete(key);
      return false;
    } catch {
      return true; // no receipt yet (or the RPC did not answer): still treat it as in flight
    }
  }

  /** `eth_estimateGas` of the call from the keeper's account (throws the node's revert). */
  async estimate(parameters: KeeperCall): Promise<bigint> {
    const { chain, wallet, to, data, value } = parameters;
    return estimateGas(chain.publicClient, { account: wallet.account, to, data, value });
  }

  /** `eth_call` of the call from the keeper's account at the latest block (throws the node's revert). */
  async simulate(parameters: KeeperCall): Promise<void> {
    const { chain, wallet, to, data, value } = parameters;
    await call(chain.publicClient, { account: wallet.account, to, data, value });
  }

  /**
   * Sends the call with `gas` as the limit and waits for its receipt. Never throws: a refusal, a
   * revert (decoded) or a timeout is the result.
   */
  async send(
    key: string,
    parameters: KeeperCall & { gas?: bigint | undefined },
  ): Promise<KeeperSendReturnType> {
    const { chain, wallet, to, data, value, gas } = parameters;
    let transactionHash: Hash;
    try {
      transactionHash = await sendTransaction(wallet, {
        account: wallet.account,
        chain: wallet.chain,
        to,
        data,
        value,
        gas,
      });
    } catch (error) {
      return { status: "failed", ...toFailure(describeRevert(error)) };
    }
    let receipt: TransactionReceipt;
    try {
      receipt = await waitForTransactionReceipt(chain.publicClient, {
        hash: transactionHash,
        timeout: RECEIPT_TIMEOUT_MS,
      });
    } catch (error) {
      this.#pending.set(key, { chain, hash: transactionHash });
      this.#logger.warn(
        `${key}: no receipt for ${transactionHash} yet (${describeRevert(error).summary}); not sending it again until it is mined`,
      );
      return { status: "timeout", transactionHash };
    }
    if (receipt.status === "success") return { status: "success", transactionHash, receipt };
    return { status: "reverted", transactionHash, receipt, ...(await this.#replay(parameters, receipt)) };
  }

  /** Why a mined call reverted: the same call on the state before its block. */
  async #replay(
    parameters: KeeperCall,
    receipt: TransactionReceipt,
  ): Promise<{ error: string; reason: string }> {
    const { chain, wallet, to, data, value } = parameters;
    try {
      await call(chain.publicClient, {
        account: wallet.account,
        to,
        data,
        value,
        blockNumber: receipt.blockNumber - 1n,
      });
      return { error: "reverted (the replay on the previous block succeeded)", reason: "unknown" };
    } catch (error) {
      return toFailure(describeRevert(error));
    }
  }
}

/** A failure's message, and its metric label: the custom error's name, or `unknown`. */
function toFailure(revert: DescribedRevert): { error: string; reason: string } {
  return { error: revert.summary, reason: revert.errorName ?? "unknown" };
}
