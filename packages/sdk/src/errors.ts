import type { Address, Hex } from "viem";

/** Base class of every error thrown by `@ballast/sdk`. */
export class SdkError extends Error {
  override name = "SdkError";
}

/** Bytes that are not a well-formed LayerZero v1 packet, or packet fields out of range. */
export class InvalidPacketError extends SdkError {
  override name = "InvalidPacketError";
}

/** A value that is not an EVM address, or a bytes32 whose upper 12 bytes are not zero. */
export class InvalidAddressError extends SdkError {
  override name = "InvalidAddressError";
}

/** A contract's decoded revert: the custom error's name and arguments. */
export interface DecodedRevert {
  errorName: string;
  args: readonly unknown[];
}

/** Options of {@link DeliveryError} and its subclasses. */
export interface DeliveryErrorOptions extends ErrorOptions {
  /** The revert that caused the failure, when the contract returned one that could be decoded. */
  revert?: DecodedRevert | undefined;
}

/** Verifying or executing a packet failed. `revert` holds the decoded contract error, if any. */
export class DeliveryError extends SdkError {
  override name = "DeliveryError";
  readonly revert: DecodedRevert | undefined;

  constructor(message: string, options: DeliveryErrorOptions = {}) {
    super(message, options);
    this.revert = options.revert;
  }
}

/** `SimpleMessageLib.validatePacket` was called by an account that is not its `whitelistCaller`. */
export class CallerNotWhitelistedError extends DeliveryError {
  override name = "CallerNotWhitelistedError";
}

/**
 * `EndpointV2.lzReceive` refused the packet because a nonce up to and including the packet's
 * has no stored payload hash. `missingNonce` is the first such nonce: the packet's own nonce
 * when it is not verified, or an earlier one (the endpoint executes a nonce only when every
 * nonce before it is verified or already executed).
 */
export class PacketNotVerifiedError extends DeliveryError {
  override name = "PacketNotVerifiedError";
  readonly missingNonce: bigint;

  constructor(message: string, options: DeliveryErrorOptions & { missingNonce: bigint }) {
    super(message, options);
    this.missingNonce = options.missingNonce;
  }
}

/** The endpoint has already consumed this nonce (executed, or cleared, skipped or burnt by the OApp). */
export class PacketAlreadyExecutedError extends DeliveryError {
  override name = "PacketAlreadyExecutedError";
}

/** The endpoint holds a different payload hash for this nonce than the packet's. */
export class PayloadHashMismatchError extends DeliveryError {
  override name = "PayloadHashMismatchError";
  readonly expected: Hex;
  readonly actual: Hex;

  constructor(message: string, options: DeliveryErrorOptions & { expected: Hex; actual: Hex }) {
    super(message, options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}

/** The packet is addressed to another endpoint id than the contract it was given to. */
export class WrongDestinationError extends DeliveryError {
  override name = "WrongDestinationError";
}

/** One reason a config or manifest was refused: the field's dotted path and what is wrong with it. */
export interface ConfigIssue {
  /** For example `chains[1].contracts.marginLedger`; empty for the document itself. */
  path: string;
  message: string;
}

/** A manifest or network config that does not match its schema. The message names every bad field. */
export class ConfigError extends SdkError {
  override name = "ConfigError";
  readonly issues: readonly ConfigIssue[];

  constructor(what: string, issues: readonly ConfigIssue[], options?: ErrorOptions) {
    super(
      `invalid ${what}: ${issues.map(({ path, message }) => (path === "" ? message : `${path}: ${message}`)).join("; ")}`,
      options,
    );
    this.issues = issues;
  }
}

// ---------------------------------------------------------------- payloads (MsgCodecLib)

/** A Ballast payload (`MsgCodecLib`) that cannot be decoded, or fields that cannot be encoded. */
export class PayloadError extends SdkError {
  override name = "PayloadError";
}

/** A field given to an encoder that does not fit its slot: an address that is not one, an amount outside uint128. */
export class InvalidPayloadFieldError extends PayloadError {
  override name = "InvalidPayloadFieldError";
  /** The field's name, for example `amount`. */
  readonly field: string;

  constructor(field: string, message: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

/**
 * A payload the contracts refuse, with the custom error they revert with: `errorName` and `args`
 * as viem decodes them (uint256 as bigint, uint8 as number).
 */
export abstract class PayloadRevertError extends PayloadError {
  /** The Solidity custom error's name. */
  abstract readonly errorName: string;
  /** The Solidity custom error's arguments, in order. */
  abstract get args(): readonly (bigint | number)[];
}

/** `MsgCodecLib.MessageTooShort(length)`: fewer bytes than the two-byte header. */
export class MessageTooShortError extends PayloadRevertError {
  override name = "MessageTooShortError";
  readonly errorName = "MessageTooShort";
  readonly length: bigint;

  constructor(length: bigint, options?: ErrorOptions) {
    super(`payload of ${length} bytes is shorter than its 2-byte header`, options);
    this.length = length;
  }

  get args(): readonly [bigint] {
    return [this.length];
  }
}

/** `MsgCodecLib.UnknownMessageType(msgType)`: the type byte is not LOCK (1), RELEASE (2) or RATE (3). */
export class UnknownMessageTypeError extends PayloadRevertError {
  override name = "UnknownMessageTypeError";
  readonly errorName = "UnknownMessageType";
  readonly msgType: number;

  constructor(msgType: number, options?: ErrorOptions) {
    super(`unknown message type ${msgType}`, options);
    this.msgType = msgType;
  }

  get args(): readonly [number] {
    return [this.msgType];
  }
}

/** `MsgCodecLib.UnsupportedVersion(version)`: the version byte is not 1. */
export class UnsupportedVersionError extends PayloadRevertError {
  override name = "UnsupportedVersionError";
  readonly errorName = "UnsupportedVersion";
  readonly version: number;

  constructor(version: number, options?: ErrorOptions) {
    super(`unsupported payload version ${version}`, options);
    this.version = version;
  }

  get args(): readonly [number] {
    return [this.version];
  }
}

/** `MsgCodecLib.InvalidMessageLength(msgType, length, expected)`: truncated or trailing bytes. */
export class InvalidMessageLengthError extends PayloadRevertError {
  override name = "InvalidMessageLengthError";
  readonly errorName = "InvalidMessageLength";
  readonly msgType: number;
  readonly length: bigint;
  readonly expected: bigint;

  constructor(msgType: number, length: bigint, expected: bigint, options?: ErrorOptions) {
    super(`message of type ${msgType} has ${length} bytes, expected ${expected}`, options);
    this.msgType = msgType;
    this.length = length;
    this.expected = expected;
  }

  get args(): readonly [number, bigint, bigint] {
    return [this.msgType, this.length, this.expected];
  }
}

/**
 * `UnexpectedMessageType(msgType)`: a well-formed payload of another type than the one asked for
 * (what CollateralVault and MarginLedger revert with for a type they do not receive).
 */
export class UnexpectedMessageTypeError extends PayloadRevertError {
  override name = "UnexpectedMessageTypeError";
  readonly errorName = "UnexpectedMessageType";
  readonly msgType: number;

  constructor(msgType: number, options?: ErrorOptions) {
    super(`unexpected message type ${msgType}`, options);
    this.msgType = msgType;
  }

  get args(): readonly [number] {
    return [this.msgType];
  }
}

// ---------------------------------------------------------------- actions

/** Options of {@link ActionError} and its subclasses. */
export interface ActionErrorOptions extends ErrorOptions {
  /** The contract revert that caused the failure, when it could be decoded. */
  revert?: DecodedRevert | undefined;
}

/**
 * A Ballast action (lock, release, cash, trade, read) failed: a refused call (`revert` holds the
 * decoded custom error), a reverted transaction, a missing event, a wrong client.
 */
export class ActionError extends SdkError {
  override name = "ActionError";
  readonly revert: DecodedRevert | undefined;

  constructor(message: string, options: ActionErrorOptions = {}) {
    super(message, options);
    this.revert = options.revert;
  }
}

/**
 * A contract refused an action's call with a custom error (or `Error(string)`, `Panic`), from the
 * called contract or one it called (a token, the ledger behind a market, the endpoint):
 * `errorName` and `args` as viem decodes them, e.g. `InsufficientMargin` `[account, -1_000_000n]`.
 */
export class ContractRevertError extends ActionError {
  override name = "ContractRevertError";
  readonly errorName: string;
  readonly args: readonly unknown[];
  /** The contract the action called. */
  readonly contract: Address;
  readonly functionName: string;

  constructor(
    call: { contract: Address; functionName: string },
    revert: DecodedRevert,
    options: ErrorOptions = {},
  ) {
    super(`${call.functionName} reverted with ${revert.errorName}`, { ...options, revert });
    this.errorName = revert.errorName;
    this.args = revert.args;
    this.contract = call.contract;
    this.functionName = call.functionName;
  }
}
