import { Module } from "@nestjs/common";
import { ChainsModule } from "../chains/ChainsModule.js";
import { ProjectionModule } from "../projection/ProjectionModule.js";
import { AccountBalanceChecker } from "./AccountBalanceChecker.js";
import { AlertBook } from "./AlertBook.js";
import { AlertWebhook } from "./AlertWebhook.js";
import { ChainStateReader } from "./ChainStateReader.js";
import { DeliveryOriginChecker } from "./DeliveryOriginChecker.js";
import { LanePauseService } from "./LanePauseService.js";
import { LanesController } from "./LanesController.js";
import { LocksPauser } from "./LocksPauser.js";
import { ReconciliationMetrics } from "./ReconciliationMetrics.js";
import { ReconciliationService } from "./ReconciliationService.js";

/**
 * Reconciliation ({@link ReconciliationService}, every `intervals.reconcile` ms) and GET /lanes.
 * Needs the global config, store, metrics, clock and schedule modules.
 */
@Module({
  imports: [ChainsModule, ProjectionModule],
  controllers: [LanesController],
  providers: [
    ReconciliationService,
    ChainStateReader,
    AccountBalanceChecker,
    DeliveryOriginChecker,
    AlertBook,
    AlertWebhook,
    LocksPauser,
    LanePauseService,
    ReconciliationMetrics,
  ],
  exports: [ReconciliationService, AccountBalanceChecker],
})
export class ReconciliationModule {}
