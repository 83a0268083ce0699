import { type InFlightMessage, getAccount as projectAccount } from "@ballast/margin";
import {
  ActionError,
  type BallastReadClient,
  type Manifest,
  getAccount as readLiveAccount,
} from "@ballast/sdk";
import { Inject, Injectable, ServiceUnavailableException } from "@nestjs/common";
import { type Address, getAddress } from "viem";
import { ChainRegistry } from "../chains/ChainRegistry.js";
import { Clock } from "../clock/Clock.js";
import { MANIFEST } from "../config/configTokens.js";
import { MessageRepository, type StoredMessage } from "../store/MessageRepository.js";
import type { AccountInFlightMessageReport, AccountReport } from "./AccountReport.js";
import { ProjectionService } from "./ProjectionService.js";
import { toAccountLedgerReport } from "./toAccountLedgerReport.js";
import { toProjectedChainReport } from "./toProjectedChainReport.js";
import { unifiedBalances } from "./unifiedBalances.js";

/**
 * GET /accounts/:address: the unified balance of an account.
 *
 * Two sources, each for what it is exact at:
 * - **live** (`@ballast/sdk`'s `getAccount`, every chain at its latest block): per ledger the cash,
 *   collateral (valued, parked, value, free), positions, LP shares and health, valued with
 *   `@ballast/margin` on the current on-chain prices and risk configs, equal to `MarginLedger.health`
 *   to the wei; and claimable balances;
 * - **projection** (the indexed events through `@ballast/margin`): the LOCKs and RELEASEs in flight,
 *   which no single chain can tell (the amount has left one chain and not reached the other), with
 *   their delivery status and age from the message table.
 *
 * Both are merged per (ledger chain, vault chain, asset) in `balances`. The projection lags the chain
 * heads by the indexer's confirmation depth: a message delivered within the last few blocks can show
 * both credited (live) and in flight (projection) until the indexer passes its delivery; `projection`
 * gives the blocks the in-flight list is exact at.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly projection: ProjectionService,
    private readonly chains: ChainRegistry,
    private readonly messages: MessageRepository,
    private readonly clock: Clock,
    @Inject(MANIFEST) private readonly manifest: Manifest,
  ) {}

  /** The account's report; 503 when a chain cannot be read. */
  async report(address: Address): Promise<AccountReport> {
    const clients: Record<number, BallastReadClient> = {};
    for (const chain of this.chains.all()) clients[chain.manifest.eid] = chain.publicClient;
    const [snapshot, live] = await Promise.all([
      this.projection.refresh(),
      readLiveAccount({ manifest: this.manifest, clients, account: address }).catch((error: unknown) => {
        if (error instanceof ActionError) {
          throw new ServiceUnavailableException(`could not read the chains: ${error.message}`, {
            cause: error,
          });
        }
        throw error;
      }),
    ]);
    const projected = projectAccount(snapshot.state, address);
    const inFlight = [...projected.inFlightLocks, ...projected.inFlightReleases];
    const rows = new Map(
      (await this.messages.getMany(inFlight.map(({ guid }) => guid))).map((row) => [row.guid, row]),
    );
    const now = this.clock.now();
    const messages = inFlight
      .map((message) => toInFlightReport(message, rows.get(message.guid), now))
      .sort(
        (x, y) =>
          (y.ageSeconds ?? -1) - (x.ageSeconds ?? -1) || (x.guid < y.guid ? -1 : x.guid > y.guid ? 1 : 0),
      );
    return {
      address: live.account,
      projection: snapshot.chains.map(toProjectedChainReport),
      balances: unifiedBalances(live, inFlight),
      ledgers: live.ledgers.map(toAccountLedgerReport),
      inFlight: messages,
      claimable: live.vaults.flatMap((vault) =>
        vault.claimable.map(({ asset, amount }) => ({
          vaultEid: vault.eid,
          asset: getAddress(asset),
          amount: amount.toString(),
        })),
      ),
    };
  }
}

function toInFlightReport(
  message: InFlightMessage,
  row: StoredMessage | undefined,
  now: number,
): AccountInFlightMessageReport {
  return {
    guid: message.guid,
    kind: message.kind,
    vaultEid: message.vaultEid,
    ledgerEid: message.ledgerEid,
    asset: getAddress(message.asset),
    amount: message.amount.toString(),
    ...(message.recipient === undefined ? {} : { recipient: getAddress(message.recipient) }),
    status: row?.status ?? null,
    sentChainId: message.sentIn.chainId,
    sentBlockNumber: row?.sent_block_number.toString() ?? null,
    sentBlockHash: message.sentIn.blockHash,
    sentLogIndex: message.sentIn.logIndex,
    ageSeconds: row === undefined ? null : Math.max(0, Math.floor((now - row.created_at.getTime()) / 1_000)),
  };
}
