import { Module } from "@nestjs/common";
import { ChainsModule } from "../chains/ChainsModule.js";
import { AccountService } from "./AccountService.js";
import { AccountsController } from "./AccountsController.js";
import { MarketService } from "./MarketService.js";
import { MarketsController } from "./MarketsController.js";
import { Multicall3Resolver } from "./Multicall3Resolver.js";
import { ProjectionService } from "./ProjectionService.js";

/**
 * The unified-balance projection ({@link ProjectionService}: the indexed events through
 * `@ballast/margin`) and the read API over it: GET /accounts/:address and GET /markets. Exports the
 * projection and the Multicall3 lookup for reconciliation. Needs the global config, store, metrics
 * and clock modules.
 */
@Module({
  imports: [ChainsModule],
  controllers: [AccountsController, MarketsController],
  providers: [ProjectionService, AccountService, MarketService, Multicall3Resolver],
  exports: [ProjectionService, Multicall3Resolver],
})
export class ProjectionModule {}
