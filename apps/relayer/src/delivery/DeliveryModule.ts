import { Module } from "@nestjs/common";
import { OperatorGuard } from "../api/OperatorGuard.js";
import { ChainsModule } from "../chains/ChainsModule.js";
import { RELAYER_CONFIG } from "../config/configTokens.js";
import type { RelayerConfig } from "../config/relayerConfigSchema.js";
import { BlockTimes } from "./BlockTimes.js";
import { DeliveryMetrics } from "./DeliveryMetrics.js";
import { DeliveryScheduler } from "./DeliveryScheduler.js";
import { DeliveryService } from "./DeliveryService.js";
import { DELIVERY_OPTIONS, deliveryOptionsFromConfig } from "./deliveryOptions.js";
import { MessageDeliverer } from "./MessageDeliverer.js";
import { MessagesController } from "./MessagesController.js";
import { PathwayInspector } from "./PathwayInspector.js";
import { StuckSweeper } from "./StuckSweeper.js";
import { TransactionBroadcaster } from "./TransactionBroadcaster.js";
import { TransactionReconciler } from "./TransactionReconciler.js";
import { TransactionRecorder } from "./TransactionRecorder.js";

/**
 * Delivery: executes LayerZero packets between the vaults and ledgers (and, in devnet mode,
 * verifies them through SimpleMessageLib), retries failures with backoff, reports stuck and dead
 * messages, and serves the message endpoints. Options come from the config
 * (`deliveryOptionsFromConfig`); tests override the `DELIVERY_OPTIONS` provider. Needs the global
 * config, store, metrics and schedule modules; `Clock` is used when provided.
 */
@Module({
  imports: [ChainsModule],
  controllers: [MessagesController],
  providers: [
    {
      provide: DELIVERY_OPTIONS,
      inject: [RELAYER_CONFIG],
      useFactory: (config: RelayerConfig) => deliveryOptionsFromConfig(config),
    },
    DeliveryMetrics,
    TransactionBroadcaster,
    TransactionRecorder,
    TransactionReconciler,
    BlockTimes,
    MessageDeliverer,
    StuckSweeper,
    PathwayInspector,
    DeliveryService,
    DeliveryScheduler,
    OperatorGuard,
  ],
  exports: [DELIVERY_OPTIONS, DeliveryService, DeliveryScheduler, PathwayInspector, DeliveryMetrics],
})
export class DeliveryModule {}
