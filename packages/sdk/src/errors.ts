import type { Hex } from "viem";

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
