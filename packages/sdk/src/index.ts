export type { Health } from "@ballast/margin";
export { ballastErrorsAbi } from "./actions/ballastErrorsAbi.js";
export { type ClaimParameters, type ClaimReturnType, claim } from "./actions/claim.js";
export {
  type ClosePositionParameters,
  type ClosePositionReturnType,
  closePosition,
} from "./actions/closePosition.js";
export {
  type DepositCashParameters,
  type DepositCashReturnType,
  depositCash,
} from "./actions/depositCash.js";
export {
  type AccountCollateral,
  type AccountPosition,
  type GetAccountParameters,
  type GetAccountReturnType,
  getAccount,
  type LedgerAccount,
  type VaultAccount,
} from "./actions/getAccount.js";
export { type LockParameters, type LockReturnType, lock } from "./actions/lock.js";
export {
  type OpenPositionParameters,
  type OpenPositionReturnType,
  openPosition,
} from "./actions/openPosition.js";
export type { PositionChange } from "./actions/positionChange.js";
export { type QuoteLockParameters, type QuoteLockReturnType, quoteLock } from "./actions/quoteLock.js";
export {
  type QuoteReleaseParameters,
  type QuoteReleaseReturnType,
  quoteRelease,
} from "./actions/quoteRelease.js";
export type { CollateralKey } from "./actions/readLedgerAccount.js";
export {
  type ReadMarginInputsParameters,
  type ReadMarginInputsReturnType,
  readMarginInputs,
} from "./actions/readMarginInputs.js";
export {
  type ReducePositionParameters,
  type ReducePositionReturnType,
  reducePosition,
} from "./actions/reducePosition.js";
export {
  type RequestReleaseParameters,
  type RequestReleaseReturnType,
  requestRelease,
} from "./actions/requestRelease.js";
export type { BallastReadClient, BallastWalletClient, MessagingFee } from "./actions/types.js";
export {
  type WithdrawCashParameters,
  type WithdrawCashReturnType,
  withdrawCash,
} from "./actions/withdrawCash.js";
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
export { toViemChain } from "./config/toViemChain.js";
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
  ActionError,
  type ActionErrorOptions,
  CallerNotWhitelistedError,
  ConfigError,
  type ConfigIssue,
  ContractRevertError,
  type DecodedRevert,
  DeliveryError,
  type DeliveryErrorOptions,
  InvalidAddressError,
  InvalidMessageLengthError,
  InvalidPacketError,
  InvalidPayloadFieldError,
  MessageTooShortError,
  PacketAlreadyExecutedError,
  PacketNotVerifiedError,
  PayloadError,
  PayloadHashMismatchError,
  PayloadRevertError,
  SdkError,
  UnexpectedMessageTypeError,
  UnknownMessageTypeError,
  UnsupportedVersionError,
  WrongDestinationError,
} from "./errors.js";
export {
  CONFIG_TYPE,
  decodeUlnConfig,
  encodeUlnConfig,
  NIL_CONFIRMATIONS,
  NIL_DVN_COUNT,
  type UlnConfig,
} from "./layerzero/ulnConfig.js";
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
export {
  MAX_UINT128,
  MESSAGE_LENGTH,
  MESSAGE_TYPE,
  type MessageTypeName,
  PAYLOAD_VERSION,
} from "./payload/constants.js";
export { decodeBallastMessage } from "./payload/decodeBallastMessage.js";
export { decodeLock } from "./payload/decodeLock.js";
export { decodeRate } from "./payload/decodeRate.js";
export { decodeRelease } from "./payload/decodeRelease.js";
export { type EncodeLockParameters, encodeLock } from "./payload/encodeLock.js";
export { type EncodeRateParameters, encodeRate } from "./payload/encodeRate.js";
export { type EncodeReleaseParameters, encodeRelease } from "./payload/encodeRelease.js";
export { messageType } from "./payload/messageType.js";
export type { BallastMessage, LockMessage, RateMessage, ReleaseMessage } from "./payload/types.js";
