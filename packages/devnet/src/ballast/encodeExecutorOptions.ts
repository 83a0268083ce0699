import { concatHex, type Hex, numberToHex } from "viem";
import { BallastDeploymentError } from "../errors.js";

/** LayerZero options container version 3 (`OptionsBuilder.TYPE_3`). */
const OPTIONS_TYPE_3 = 3;
/** `ExecutorOptions.WORKER_ID`. */
const EXECUTOR_WORKER_ID = 1;
/** `ExecutorOptions.OPTION_TYPE_LZRECEIVE`. */
const OPTION_TYPE_LZRECEIVE = 1;
const MAX_UINT128 = 2n ** 128n - 1n;

/** Parameters of {@link encodeExecutorLzReceiveOption}. */
export interface EncodeExecutorLzReceiveOptionParameters {
  /** Gas the executor gives the receiver's `lzReceive` (uint128). */
  gas: bigint;
  /** Native value the executor passes to `lzReceive` (uint128); left out of the bytes when zero. */
  value?: bigint | undefined;
}

/**
 * Type-3 executor options with one lzReceive option, byte for byte what
 * `OptionsBuilder.newOptions().addExecutorLzReceiveOption(gas, value)` builds:
 * `uint16 3 | uint8 workerId 1 | uint16 size | uint8 optionType 1 | uint128 gas [| uint128 value]`,
 * where size counts the option type byte and the option (17, or 33 with a value).
 *
 * @example
 * encodeExecutorLzReceiveOption({ gas: 200_000n }); // "0x00030100110100000000000000000000000000030d40"
 */
export function encodeExecutorLzReceiveOption(parameters: EncodeExecutorLzReceiveOptionParameters): Hex {
  const { gas, value = 0n } = parameters;
  for (const [name, amount] of [
    ["gas", gas],
    ["value", value],
  ] as const) {
    if (amount < 0n || amount > MAX_UINT128) {
      throw new BallastDeploymentError(`executor option ${name} ${amount} is not a uint128`);
    }
  }
  // ExecutorOptions.encodeLzReceiveOption: the value is appended only when it is not zero.
  const option =
    value === 0n
      ? numberToHex(gas, { size: 16 })
      : concatHex([numberToHex(gas, { size: 16 }), numberToHex(value, { size: 16 })]);
  const optionBytes = (option.length - 2) / 2;
  return concatHex([
    numberToHex(OPTIONS_TYPE_3, { size: 2 }),
    numberToHex(EXECUTOR_WORKER_ID, { size: 1 }),
    numberToHex(optionBytes + 1, { size: 2 }),
    numberToHex(OPTION_TYPE_LZRECEIVE, { size: 1 }),
    option,
  ]);
}
