import { collateralVaultAbi } from "@ballast/contracts";
import { Injectable, Logger } from "@nestjs/common";
import { encodeFunctionData, type Hash, keccak256 } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock } from "../clock/Clock.js";
import { TransactionRepository } from "../store/TransactionRepository.js";
import { NoGuardianKeyError, PauseFailedError } from "./errors.js";

/** The return type of {@link LocksPauser.pauseLocks}. */
export interface PauseLocksReturnType {
  vaultEid: number;
  /** The vault's locks were paused already: nothing was sent. */
  alreadyPaused: boolean;
  /** The `pauseLocks` transaction, when one was sent. */
  transactionHash: Hash | undefined;
}

/**
 * Pauses a vault's locks with the guardian key (`CollateralVault.pauseLocks`, guardian or owner;
 * unpausing is the owner's alone). Locks pause per vault: every lane from that vault stops taking
 * new LOCKs, releases still pay out. The transaction is simulated, signed, recorded (purpose
 * `pauseLocks`) before it is broadcast, then followed to its receipt.
 */
@Injectable()
export class LocksPauser {
  readonly #logger = new Logger("LocksPauser");

  constructor(
    private readonly chains: ChainRegistry,
    private readonly transactions: TransactionRepository,
    private readonly clock: Clock,
  ) {}

  /** True when a guardian key is configured for the chain. */
  canPause(vaultEid: number): boolean {
    return this.chains.wallet(vaultEid, "guardian") !== undefined;
  }

  /** Pauses the locks of the vault on `vaultEid` (no-op when already paused). */
  async pauseLocks(vaultEid: number, reason: string): Promise<PauseLocksReturnType> {
    const chain = this.chains.byEid(vaultEid);
    const wallet = this.chains.wallet(vaultEid, "guardian");
    if (wallet === undefined) throw new NoGuardianKeyError(vaultEid);
    const vault = chain.manifest.contracts.collateralVault;
    const client = chain.publicClient;
    const paused = await client.readContract({
      address: vault,
      abi: collateralVaultAbi,
      functionName: "locksPaused",
    });
    if (paused) return { vaultEid, alreadyPaused: true, transactionHash: undefined };

    const { account } = wallet;
    await client.simulateContract({
      account,
      address: vault,
      abi: collateralVaultAbi,
      functionName: "pauseLocks",
    });
    const request = await wallet.prepareTransactionRequest({
      to: vault,
      data: encodeFunctionData({ abi: collateralVaultAbi, functionName: "pauseLocks" }),
    });
    const raw = await wallet.signTransaction(request);
    const hash = keccak256(raw);
    await this.transactions.record({
      chainId: BigInt(chain.manifest.chainId),
      from: account.address,
      nonce: BigInt(request.nonce),
      hash,
      purpose: "pauseLocks",
      raw,
      now: new Date(this.clock.now()),
    });
    this.#logger.warn({
      msg: `pausing the locks of the vault on eid ${vaultEid}: ${reason}`,
      vaultEid,
      hash,
    });
    try {
      await wallet.sendRawTransaction({ serializedTransaction: raw });
    } catch (error) {
      account.nonceManager?.reset({ address: account.address, chainId: chain.manifest.chainId });
      await this.transactions.setStatus(BigInt(chain.manifest.chainId), hash, {
        status: "dropped",
        error: error instanceof Error ? error.message.split("\n")[0] : String(error),
        now: new Date(this.clock.now()),
      });
      throw new PauseFailedError(`pauseLocks on eid ${vaultEid} was not accepted`, { cause: error });
    }
    const receipt = await client.waitForTransactionReceipt({ hash });
    await this.transactions.setStatus(BigInt(chain.manifest.chainId), hash, {
      status: receipt.status === "success" ? "mined" : "reverted",
      blockNumber: receipt.blockNumber,
      now: new Date(this.clock.now()),
    });
    if (receipt.status !== "success")
      throw new PauseFailedError(`pauseLocks on eid ${vaultEid} reverted (${hash})`);
    return { vaultEid, alreadyPaused: false, transactionHash: hash };
  }
}
