import { type Address, decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";

/** LayerZero's `ExecutorConfig` struct (SendLibBase.sol), set on a send library with config type 1. */
export interface ExecutorConfig {
  /** Largest message the executor takes, bytes; 0 in an OApp's config means LayerZero's default. */
  maxMessageSize: number;
  /** Runs `lzReceive` on the destination; the zero address in an OApp's config means the default. */
  executor: Address;
}

const executorConfigParameters = [
  {
    type: "tuple",
    components: [
      { name: "maxMessageSize", type: "uint32" },
      { name: "executor", type: "address" },
    ],
  },
] as const;

/** `abi.encode(ExecutorConfig)`: the bytes of a type-1 `SetConfigParam` on `SendUln302`. */
export function encodeExecutorConfig(config: ExecutorConfig): Hex {
  return encodeAbiParameters(executorConfigParameters, [config]);
}

/** Decodes the bytes of `getConfig(oapp, sendLib, eid, 1)` (the effective config, defaults merged in). */
export function decodeExecutorConfig(data: Hex): ExecutorConfig {
  const [config] = decodeAbiParameters(executorConfigParameters, data);
  return config;
}
