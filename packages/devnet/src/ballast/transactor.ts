import type {
  Account,
  Address,
  Chain,
  Hash,
  PublicClient,
  TransactionReceipt,
  Transport,
  WalletClient,
} from "viem";
import { getAddress } from "viem";
import { BallastDeploymentError } from "../errors.js";

/** Sends a deployment's transactions on one chain, one at a time, naming each step in errors. */
export interface Transactor {
  readonly walletClient: WalletClient<Transport, Chain, Account>;
  readonly publicClient: PublicClient<Transport, Chain | undefined>;
  /** The sending account: deploys, and owns what it deploys. */
  readonly account: Address;
  /** Sends a contract creation and returns the new contract's (checksummed) address. */
  deploy(step: string, send: () => Promise<Hash>): Promise<Address>;
  /** Sends a transaction and returns its receipt; a revert fails the deployment. */
  send(step: string, send: () => Promise<Hash>): Promise<TransactionReceipt>;
  /** Runs a read; a failure fails the deployment, naming the step. */
  read<T>(step: string, read: () => Promise<T>): Promise<T>;
}

/** Parameters of {@link createTransactor}. */
export interface CreateTransactorParameters {
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient<Transport, Chain | undefined>;
  /** Prefix of error messages, e.g. `eid 40101`. */
  label: string;
}

/**
 * A {@link Transactor}: each step waits for its receipt before the next is sent, and any failure
 * (refused, reverted, no contract created) throws a `BallastDeploymentError` naming the step.
 */
export function createTransactor(parameters: CreateTransactorParameters): Transactor {
  const { walletClient, publicClient, label } = parameters;
  const send = async (step: string, sendTransaction: () => Promise<Hash>): Promise<TransactionReceipt> => {
    let receipt: TransactionReceipt;
    try {
      const hash = await sendTransaction();
      receipt = await publicClient.waitForTransactionReceipt({ hash });
    } catch (cause) {
      throw new BallastDeploymentError(`${label}: ${step} failed`, { cause });
    }
    if (receipt.status !== "success") {
      throw new BallastDeploymentError(`${label}: ${step} reverted (${receipt.transactionHash})`);
    }
    return receipt;
  };
  return {
    walletClient,
    publicClient,
    account: walletClient.account.address,
    send,
    async read(step, read) {
      try {
        return await read();
      } catch (cause) {
        throw new BallastDeploymentError(`${label}: ${step} failed`, { cause });
      }
    },
    async deploy(step, sendTransaction) {
      const { contractAddress } = await send(step, sendTransaction);
      if (!contractAddress) throw new BallastDeploymentError(`${label}: ${step} created no contract`);
      return getAddress(contractAddress);
    },
  };
}
