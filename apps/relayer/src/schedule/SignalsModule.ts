import { Global, Module } from "@nestjs/common";
import { WorkSignals } from "./WorkSignals.js";

/** The {@link WorkSignals} every job shares (global). */
@Global()
@Module({ providers: [WorkSignals], exports: [WorkSignals] })
export class SignalsModule {}
