import { fallback, http, type Transport } from "viem";

/** Parameters of {@link createChainTransport}. */
export interface CreateChainTransportParameters {
  /** http(s) JSON-RPC URLs, the first preferred. */
  rpcUrls: readonly string[];
  /** Milliseconds a request may take on one URL before the next one is tried. */
  timeoutMs: number;
  /** Retries of a request over the whole list, with backoff, once every URL failed. */
  retryCount: number;
}

/**
 * A viem transport over several RPC URLs: each request goes to the first URL and, when it fails
 * (refused connection, timeout, HTTP error, rate limit), to the next one; once all failed, the whole
 * list is retried `retryCount` times. Errors that another URL would repeat (a revert, invalid params)
 * are thrown at once. viem's `fallback` calls its URLs with `retryCount: 0`: the retries are the list's.
 */
export function createChainTransport(parameters: CreateChainTransportParameters): Transport {
  const { rpcUrls, timeoutMs, retryCount } = parameters;
  return fallback(
    rpcUrls.map((url) => http(url, { timeout: timeoutMs })),
    { retryCount },
  );
}
