import type { Manifest } from "@ballast/sdk";
import { toManifest } from "../toManifest.js";
import type { TestNetwork } from "./createTestNetwork.js";

/**
 * The manifest of an in-process test network (chains named a, b, c…). Its chains have no URL, so
 * each gets the reserved `http://<name>.in-process.invalid`: code under test must use the
 * network's own clients, never dial it.
 */
export function testManifest(net: TestNetwork): Manifest {
  return toManifest({
    deployment: net.deployment,
    network: "devnet",
    chains: net.chains.map((_, i) => {
      const name = String.fromCharCode(97 + i);
      return { name, rpcUrls: [`http://${name}.in-process.invalid`] };
    }),
  });
}
