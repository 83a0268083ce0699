import { Injectable } from "@nestjs/common";
import { Gauge, Registry } from "prom-client";

/** The metrics of the chains the relayer reads, on the relayer's registry. */
@Injectable()
export class ChainMetrics {
  /** `ballast_chain_head_block{chain}`: the latest block number a chain's RPC answered. */
  readonly headBlock: Gauge<"chain">;

  constructor(registry: Registry) {
    this.headBlock = new Gauge({
      name: "ballast_chain_head_block",
      help: "Latest block number the chain's RPC answered",
      labelNames: ["chain"],
      registers: [registry],
    });
  }
}
