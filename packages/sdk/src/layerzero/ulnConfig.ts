import { type Address, decodeAbiParameters, encodeAbiParameters, type Hex } from "viem";

/** `SetConfigParam.configType` values of LayerZero's ULN302 libraries (`SendUln302`, `ReceiveUln302`). */
export const CONFIG_TYPE = { EXECUTOR: 1, ULN: 2 } as const;

/** `UlnBase.NIL_DVN_COUNT`: an OApp's DVN count meaning "none" (0 means "LayerZero's default"). */
export const NIL_DVN_COUNT = 255;
/** `UlnBase.NIL_CONFIRMATIONS`: an OApp's confirmations meaning literally 0 (0 means "LayerZero's default"). */
export const NIL_CONFIRMATIONS = 2n ** 64n - 1n;

/** LayerZero's `UlnConfig` struct (UlnBase.sol), as set with config type 2. */
export interface UlnConfig {
  confirmations: bigint;
  requiredDVNCount: number;
  optionalDVNCount: number;
  optionalDVNThreshold: number;
  /** Sorted ascending, no duplicates (the ULN reverts `LZ_ULN_Unsorted` otherwise). */
  requiredDVNs: readonly Address[];
  optionalDVNs: readonly Address[];
}

const ulnConfigParameters = [
  {
    type: "tuple",
    components: [
      { name: "confirmations", type: "uint64" },
      { name: "requiredDVNCount", type: "uint8" },
      { name: "optionalDVNCount", type: "uint8" },
      { name: "optionalDVNThreshold", type: "uint8" },
      { name: "requiredDVNs", type: "address[]" },
      { name: "optionalDVNs", type: "address[]" },
    ],
  },
] as const;

/**
 * `abi.encode(UlnConfig)`: the bytes `SendUln302`/`ReceiveUln302` decode from a type-2
 * `SetConfigParam` and return from `getConfig(eid, oapp, 2)`.
 *
 * @example
 * encodeUlnConfig({ confirmations: 15n, requiredDVNCount: 1, optionalDVNCount: NIL_DVN_COUNT,
 *   optionalDVNThreshold: 0, requiredDVNs: [dvn], optionalDVNs: [] });
 */
export function encodeUlnConfig(config: UlnConfig): Hex {
  return encodeAbiParameters(ulnConfigParameters, [
    { ...config, requiredDVNs: [...config.requiredDVNs], optionalDVNs: [...config.optionalDVNs] },
  ]);
}

/** Decodes the bytes of `getConfig(oapp, lib, eid, 2)` (the effective config, defaults merged in). */
export function decodeUlnConfig(data: Hex): UlnConfig {
  const [config] = decodeAbiParameters(ulnConfigParameters, data);
  return config;
}
