import { Module } from "@nestjs/common";
import { ChainsModule } from "../chains/ChainsModule.js";
import { AccountValuer } from "./AccountValuer.js";
import { CandidateAccounts } from "./CandidateAccounts.js";
import { CollateralLiquidator } from "./CollateralLiquidator.js";
import { KeeperMetrics } from "./KeeperMetrics.js";
import { KeeperService } from "./KeeperService.js";
import { KeeperTransactions } from "./KeeperTransactions.js";
import { PositionLiquidator } from "./PositionLiquidator.js";
import { RateSyncer } from "./RateSyncer.js";

/**
 * The liquidation keeper and share-rate sync ({@link KeeperService}, every `intervals.keeper` ms,
 * only with a keeper key). Needs the global config, store, metrics, clock and schedule modules.
 */
@Module({
  imports: [ChainsModule],
  providers: [
    KeeperService,
    CandidateAccounts,
    AccountValuer,
    PositionLiquidator,
    CollateralLiquidator,
    RateSyncer,
    KeeperTransactions,
    KeeperMetrics,
  ],
  exports: [KeeperService],
})
export class KeeperModule {}
