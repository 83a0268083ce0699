export {
  type Manifest,
  type ManifestChain,
  type ManifestInput,
  manifestChainSchema,
  manifestSchema,
} from "./config/manifestSchema.js";
export {
  type NetworkChainConfig,
  type NetworkConfig,
  type NetworkConfigInput,
  networkConfigSchema,
} from "./config/networkConfigSchema.js";
export { parseManifest } from "./config/parseManifest.js";
export { parseNetworkConfig } from "./config/parseNetworkConfig.js";
export { addressSchema, chainNameSchema, eidSchema, rpcUrlSchema } from "./config/schemaPrimitives.js";
export { serializeManifest } from "./config/serializeManifest.js";
export {
  type DeliverPacketParameters,
  type DeliverPacketReturnType,
  deliverPacket,
} from "./delivery/deliverPacket.js";
export {
  type ExecutePacketParameters,
  type ExecutePacketReturnType,
  executePacket,
} from "./delivery/executePacket.js";
export {
  type GetPacketStateParameters,
  type GetPacketStateReturnType,
  getPacketState,
  type PacketState,
} from "./delivery/getPacketState.js";
export {
  type GetSentPacketsParameters,
  type GetSentPacketsReturnType,
  getSentPackets,
  type SentPacket,
} from "./delivery/getSentPackets.js";
export {
  type VerifyPacketParameters,
  type VerifyPacketReturnType,
  verifyPacket,
} from "./delivery/verifyPacket.js";
export {
  CallerNotWhitelistedError,
  ConfigError,
  type ConfigIssue,
  type DecodedRevert,
  DeliveryError,
  type DeliveryErrorOptions,
  InvalidAddressError,
  InvalidPacketError,
  PacketAlreadyExecutedError,
  PacketNotVerifiedError,
  PayloadHashMismatchError,
  SdkError,
  WrongDestinationError,
} from "./errors.js";
export { addressToBytes32 } from "./packet/addressToBytes32.js";
export { bytes32ToAddress } from "./packet/bytes32ToAddress.js";
export { computeGuid } from "./packet/computeGuid.js";
export { computePayloadHash } from "./packet/computePayloadHash.js";
export {
  PACKET_HEADER_LENGTH,
  PACKET_MIN_LENGTH,
  PACKET_OFFSETS,
  PACKET_VERSION,
} from "./packet/constants.js";
export { type DecodePacketReturnType, decodePacket } from "./packet/decodePacket.js";
export {
  type EncodePacketParameters,
  type EncodePacketReturnType,
  encodePacket,
} from "./packet/encodePacket.js";
export type { Origin, Packet } from "./packet/types.js";
