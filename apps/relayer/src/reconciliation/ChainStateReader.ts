import { collateralVaultAbi, marginLedgerAbi } from "@ballast/contracts";
import type { Manifest } from "@ballast/sdk";
import { Inject, Injectable } from "@nestjs/common";
import { type Address, erc20Abi, getAddress } from "viem";
import { getBlock } from "viem/actions";
import { ChainRegistry, type RelayerChain } from "../chains/ChainRegistry.js";
import { MANIFEST } from "../config/configTokens.js";
import { Multicall3Resolver } from "../projection/Multicall3Resolver.js";
import type { ProjectedChain } from "../projection/ProjectionService.js";
import { readContractsBatched } from "../projection/readContractsBatched.js";

/** `eth_call`s in flight per group of reads when a chain has no Multicall3 (a few groups run at once). */
const CONCURRENCY_PER_GROUP = 4;

/** A vault asset's on-chain totals. */
export interface VaultAssetReads {
  /** `asset.balanceOf(vault)`. */
  balance: bigint;
  totalLocked: bigint;
  totalClaimable: bigint;
}

/** What one chain's contracts read at the block the projection is exact at. */
export interface ChainReads {
  eid: number;
  blockNumber: bigint;
  /** `vault.locked(ledgerEid, asset)` by `${ledgerEid}:${asset}` (asset lowercase). */
  locked: Map<string, bigint>;
  /** By asset (lowercase). */
  vaultAssets: Map<string, VaultAssetReads>;
  locksPaused: boolean;
  /** `ledger.credited(vaultEid, asset)` by `${vaultEid}:${asset}`. */
  credited: Map<string, bigint>;
  /** `ledger.valuedTotal(vaultEid, asset)` by `${vaultEid}:${asset}`. */
  valuedTotal: Map<string, bigint>;
}

/** A chain that could not be read consistently with the projection. */
export interface UnreadChain {
  eid: number;
  /** Why: not indexed yet, the block moved (a reorg since the projection), or a failed read. */
  reason: string;
}

/** Parameters of {@link ChainStateReader.read}. */
export interface ReadChainStateParameters {
  /** Where the projection stands per chain: each chain is read at its `blockNumber`. */
  chains: readonly ProjectedChain[];
  /** Assets (lowercase) per vault eid: the manifest's tokens and any other lane asset the projection saw. */
  assets: ReadonlyMap<number, readonly string[]>;
}

/** The return type of {@link ChainStateReader.read}. */
export interface ReadChainStateReturnType {
  read: Map<number, ChainReads>;
  unread: UnreadChain[];
}

/**
 * Reads what reconciliation compares with the projection, each chain at the block the projection is
 * complete through: per vault `locked(dst, asset)` for every ledger chain, `totalLocked`,
 * `totalClaimable`, the token balance and `locksPaused`; per ledger `credited(src, asset)` and
 * `valuedTotal(src, asset)` for every vault chain and asset. Batched through Multicall3 where the
 * chain has it, else parallel `eth_call`s with a concurrency limit. After reading, the block's hash
 * must still be the one the indexer stored, otherwise the chain counts as unread this time (a reorg
 * the indexer has not rewound yet).
 */
@Injectable()
export class ChainStateReader {
  constructor(
    private readonly chains: ChainRegistry,
    private readonly multicall3: Multicall3Resolver,
    @Inject(MANIFEST) private readonly manifest: Manifest,
  ) {}

  async read(parameters: ReadChainStateParameters): Promise<ReadChainStateReturnType> {
    const read = new Map<number, ChainReads>();
    const unread: UnreadChain[] = [];
    const eids = this.manifest.chains.map(({ eid }) => eid);
    await Promise.all(
      parameters.chains.map(async (projected) => {
        const { blockNumber, blockHash } = projected;
        if (blockNumber === undefined || blockHash === undefined) {
          unread.push({ eid: projected.eid, reason: "not indexed yet" });
          return;
        }
        try {
          const chain = this.chains.byEid(projected.eid);
          const [reads, block] = await Promise.all([
            this.#readChain(chain, blockNumber, eids, parameters.assets),
            getBlock(chain.publicClient, { blockNumber }),
          ]);
          if (block.hash?.toLowerCase() !== blockHash.toLowerCase()) {
            unread.push({
              eid: projected.eid,
              reason: `block ${blockNumber} is now ${block.hash}, the indexer stored ${blockHash} (reorg not rewound yet)`,
            });
            return;
          }
          read.set(projected.eid, reads);
        } catch (error) {
          const reason =
            error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
          unread.push({ eid: projected.eid, reason: `read failed: ${reason}` });
        }
      }),
    );
    unread.sort((x, y) => x.eid - y.eid);
    return { read, unread };
  }

  async #readChain(
    chain: RelayerChain,
    blockNumber: bigint,
    eids: readonly number[],
    assets: ReadonlyMap<number, readonly string[]>,
  ): Promise<ChainReads> {
    const eid = chain.manifest.eid;
    const client = chain.publicClient;
    const multicall3 = await this.multicall3.resolve(chain);
    const batch = { client, blockNumber, multicall3, concurrency: CONCURRENCY_PER_GROUP };
    const vault = { address: chain.manifest.contracts.collateralVault, abi: collateralVaultAbi } as const;
    const ledger = { address: chain.manifest.contracts.marginLedger, abi: marginLedgerAbi } as const;
    const own = (assets.get(eid) ?? []).map((asset): Address => getAddress(asset));
    const lanesOut = eids.flatMap((ledgerEid) => own.map((asset) => ({ ledgerEid, asset })));
    const lanesIn = eids.flatMap((vaultEid) =>
      (assets.get(vaultEid) ?? []).map((asset) => ({ vaultEid, asset: getAddress(asset) })),
    );
    const [locked, totalLocked, totalClaimable, balances, [locksPaused], credited, valuedTotal] =
      await Promise.all([
        readContractsBatched({
          ...batch,
          contracts: lanesOut.map(
            ({ ledgerEid, asset }) =>
              ({ ...vault, functionName: "locked", args: [ledgerEid, asset] }) as const,
          ),
        }),
        readContractsBatched({
          ...batch,
          contracts: own.map((asset) => ({ ...vault, functionName: "totalLocked", args: [asset] }) as const),
        }),
        readContractsBatched({
          ...batch,
          contracts: own.map(
            (asset) => ({ ...vault, functionName: "totalClaimable", args: [asset] }) as const,
          ),
        }),
        readContractsBatched({
          ...batch,
          contracts: own.map(
            (asset) =>
              ({ address: asset, abi: erc20Abi, functionName: "balanceOf", args: [vault.address] }) as const,
          ),
        }),
        readContractsBatched({ ...batch, contracts: [{ ...vault, functionName: "locksPaused" }] as const }),
        readContractsBatched({
          ...batch,
          contracts: lanesIn.map(
            ({ vaultEid, asset }) =>
              ({ ...ledger, functionName: "credited", args: [vaultEid, asset] }) as const,
          ),
        }),
        readContractsBatched({
          ...batch,
          contracts: lanesIn.map(
            ({ vaultEid, asset }) =>
              ({ ...ledger, functionName: "valuedTotal", args: [vaultEid, asset] }) as const,
          ),
        }),
      ]);
    const lower = (asset: string) => asset.toLowerCase();
    return {
      eid,
      blockNumber,
      locked: new Map(
        lanesOut.map(({ ledgerEid, asset }, i) => [`${ledgerEid}:${lower(asset)}`, locked[i] ?? 0n]),
      ),
      vaultAssets: new Map(
        own.map((asset, i) => [
          lower(asset),
          {
            balance: balances[i] ?? 0n,
            totalLocked: totalLocked[i] ?? 0n,
            totalClaimable: totalClaimable[i] ?? 0n,
          },
        ]),
      ),
      locksPaused,
      credited: new Map(
        lanesIn.map(({ vaultEid, asset }, i) => [`${vaultEid}:${lower(asset)}`, credited[i] ?? 0n]),
      ),
      valuedTotal: new Map(
        lanesIn.map(({ vaultEid, asset }, i) => [`${vaultEid}:${lower(asset)}`, valuedTotal[i] ?? 0n]),
      ),
    };
  }
}
