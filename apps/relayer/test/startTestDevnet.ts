import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Devnet, startDevnet } from "@ballast/devnet";

/** A devnet for a test, with its manifest in a temporary folder. */
export interface TestDevnet {
  devnet: Devnet;
  /** The temporary folder: the manifest, and anything else the test writes. */
  dir: string;
  manifestPath: string;
  /** Stops the chains and removes the folder. */
  stop(): Promise<void>;
}

/** Starts a 3-chain devnet over HTTP on free loopback ports and writes its manifest. */
export async function startTestDevnet(): Promise<TestDevnet> {
  const dir = await mkdtemp(join(tmpdir(), "ballast-relayer-"));
  const manifestPath = join(dir, "manifest.json");
  const devnet = await startDevnet({ portBase: 0, manifestPath });
  return {
    devnet,
    dir,
    manifestPath,
    async stop() {
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
