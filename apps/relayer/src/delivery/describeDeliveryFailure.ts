import { ballastErrorsAbi, type DecodedRevert, DeliveryError } from "@ballast/sdk";
import {
  type AbiItem,
  type AbiParameter,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  InternalRpcError,
  LimitExceededRpcError,
  ResourceUnavailableRpcError,
  SocketClosedError,
  TimeoutError,
  WebSocketRequestError,
} from "viem";

/** What went wrong in a delivery attempt, for `last_error`, logs and metrics. */
export interface DeliveryFailure {
  /** One line: what failed and, when the chain refused, the decoded revert with its arguments. */
  reason: string;
  /** A short label for metrics: the revert's error name, else the error's class name. */
  code: string;
  /** The contract revert, decoded with every Ballast and LayerZero error, when there was one. */
  revert: DecodedRevert | undefined;
  /**
   * The chain was not reached (connection refused, timeout, socket closed) or its node could not
   * answer (JSON-RPC internal error, limit exceeded, resource unavailable): the attempt does not count.
   */
  transient: boolean;
}

const TRANSPORT_ERRORS = [HttpRequestError, TimeoutError, SocketClosedError, WebSocketRequestError] as const;

/**
 * JSON-RPC errors of a node that could not answer (an internal error, a rate limit, a resource
 * unavailable): transient unless the node's message says the call reverted (a revert without data
 * may come as an internal error).
 */
const NODE_ERRORS = [InternalRpcError, LimitExceededRpcError, ResourceUnavailableRpcError] as const;

/** True when `e` is a node error of {@link NODE_ERRORS} whose message does not speak of a revert. */
function isNodeFailure(e: Error): boolean {
  if (!NODE_ERRORS.some((c) => e instanceof c)) return false;
  // viem's RPC errors keep the node's own words in `details`.
  const details = (e as Error & { details?: unknown }).details;
  return !/revert/i.test(`${e.message} ${typeof details === "string" ? details : ""}`);
}

/**
 * Describes an error of a delivery attempt. Reverts are looked for along the whole `cause` chain
 * and decoded with the errors of every Ballast and LayerZero contract, so a receiver's refusal
 * inside `EndpointV2.lzReceive` (the vault's `RateLimited`, ...) is named with its arguments; the
 * sdk's `DeliveryError` (decoded with the endpoint's and library's errors only) leaves it raw.
 *
 * @example
 * describeDeliveryFailure(error).reason;
 * // "lzReceive failed: RateLimited(asset=0x…, amount=300000000, available=100000000)"
 */
export function describeDeliveryFailure(error: unknown): DeliveryFailure {
  const found = findRevert(error);
  const message = firstLine(error);
  let reason = message;
  if (found !== undefined) {
    const formatted = formatRevert(found);
    reason = message.includes(formatted) ? message : `${message}: ${formatted}`;
  }
  return {
    reason,
    code: found?.revert.errorName ?? (error instanceof Error ? error.name : "Error"),
    revert: found?.revert,
    transient:
      found === undefined &&
      causes(error).some((e) => TRANSPORT_ERRORS.some((c) => e instanceof c) || isNodeFailure(e)),
  };
}

interface FoundRevert {
  revert: DecodedRevert;
  /** The error's ABI inputs, to name the arguments (empty when unknown). */
  inputs: readonly AbiParameter[];
}

/** The error and its causes, outermost first. */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 32; e = e.cause) chain.push(e);
  return chain;
}

/** The first decodable revert along the cause chain: the raw revert data first, then viem's own decoding, then the sdk's. */
function findRevert(error: unknown): FoundRevert | undefined {
  const chain = causes(error);
  for (const e of chain) {
    if (!(e instanceof ContractFunctionRevertedError)) continue;
    if (e.raw !== undefined && e.raw !== "0x") {
      try {
        const { errorName, args, abiItem } = decodeErrorResult({ abi: ballastErrorsAbi, data: e.raw });
        return { revert: { errorName, args: args ?? [] }, inputs: inputsOf(abiItem) };
      } catch {
        // not a Ballast or LayerZero error: viem's decoding, if any
      }
    }
    if (e.data !== undefined) {
      return {
        revert: { errorName: e.data.errorName, args: e.data.args ?? [] },
        inputs: inputsOf(e.data.abiItem),
      };
    }
  }
  for (const e of chain) {
    if (e instanceof DeliveryError && e.revert !== undefined) return { revert: e.revert, inputs: [] };
  }
  return undefined;
}

/** An ABI item's inputs (none for fallback and receive). */
function inputsOf(item: AbiItem): readonly AbiParameter[] {
  return "inputs" in item ? item.inputs : [];
}

/** `Name(arg=value, ...)`, bigints in decimal. */
function formatRevert({ revert, inputs }: FoundRevert): string {
  const args = revert.args.map((value, i) => {
    const name = inputs[i]?.name;
    const text = formatValue(value);
    return name === undefined || name === "" ? text : `${name}=${text}`;
  });
  return `${revert.errorName}(${args.join(", ")})`;
}

function formatValue(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .map(([key, inner]) => `${key}: ${formatValue(inner)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/** The error's one-line summary: viem's `shortMessage` when it has one. */
function firstLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error instanceof BaseError ? error.shortMessage : error.message;
  return text.split("\n")[0] || error.name;
}
