import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * A prom-client registry of the relayer's own (not prom-client's global one, so two relayers in
 * one process, as in tests, keep their metrics apart) with the default process metrics (CPU,
 * memory, event loop lag, GC, handles), prefixed `ballast_relayer_`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ballast_relayer_" });
  return registry;
}
