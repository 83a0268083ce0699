import { Global, Module } from "@nestjs/common";
import { Clock, SystemClock } from "./Clock.js";

/** Global module providing {@link Clock} (the {@link SystemClock}); tests override it to control time. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
