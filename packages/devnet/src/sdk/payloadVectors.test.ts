import { msgCodecHarnessAbi, msgCodecHarnessBytecode } from "@ballast/contracts";
import { MESSAGE_TYPE } from "@ballast/sdk";
import vectors from "@ballast/sdk/vectors/payload-vectors.json" with { type: "json" };
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalChain, type LocalChain } from "../createLocalChain.js";
import { revertOf } from "../testing/revertOf.js";

/**
 * The sdk's payload vectors against the Solidity codec (MsgCodecLib, through MsgCodecHarness):
 * every valid vector encodes to the same bytes and decodes to the same fields; every invalid one
 * reverts with the named custom error and arguments. The sdk's unit tests hold its TypeScript
 * codec to the same vectors.
 */
describe("payload vectors on MsgCodecLib", () => {
  let local: LocalChain;
  let harness: { address: Address; abi: typeof msgCodecHarnessAbi };

  beforeAll(async () => {
    local = await createLocalChain({ chainId: 31_501 });
    const hash = await local.walletClient(0).deployContract({
      abi: msgCodecHarnessAbi,
      bytecode: msgCodecHarnessBytecode,
    });
    const { contractAddress } = await local.publicClient.waitForTransactionReceipt({ hash });
    if (!contractAddress) throw new Error("MsgCodecHarness was not deployed");
    harness = { address: contractAddress, abi: msgCodecHarnessAbi };
  });
  afterAll(async () => {
    await local?.close();
  });

  it("has the library's constants", async () => {
    const [version, lock, release, rate, lockLength, releaseLength, rateLength] =
      await local.publicClient.readContract({ ...harness, functionName: "constants" });
    expect({
      version,
      types: { LOCK: lock, RELEASE: release, RATE: rate },
      lengths: { LOCK: Number(lockLength), RELEASE: Number(releaseLength), RATE: Number(rateLength) },
    }).toEqual(vectors.constants);
  });

  it("encodes and decodes every valid vector as the library does", async () => {
    expect(vectors.valid.length).toBeGreaterThan(10);
    const client = local.publicClient;
    for (const { name, message, bytes } of vectors.valid) {
      const asset = message.asset as Address; // JSON string: a checksummed address
      const type = message.type as keyof typeof MESSAGE_TYPE; // "LOCK" | "RELEASE" | "RATE"
      const hex = bytes as Hex; // JSON string of hex
      expect(await client.readContract({ ...harness, functionName: "messageType", args: [hex] }), name).toBe(
        MESSAGE_TYPE[type],
      );
      if (type === "LOCK") {
        const beneficiary = message.beneficiary as Address; // as asset
        const amount = BigInt(message.amount ?? "");
        const rate = BigInt(message.rate ?? "");
        expect(
          await client.readContract({
            ...harness,
            functionName: "encodeLock",
            args: [asset, beneficiary, amount, rate],
          }),
          name,
        ).toBe(hex);
        expect(
          await client.readContract({ ...harness, functionName: "decodeLock", args: [hex] }),
          name,
        ).toEqual([asset, beneficiary, amount, rate]);
      } else if (type === "RELEASE") {
        const recipient = message.recipient as Address; // as asset
        const amount = BigInt(message.amount ?? "");
        expect(
          await client.readContract({
            ...harness,
            functionName: "encodeRelease",
            args: [asset, recipient, amount],
          }),
          name,
        ).toBe(hex);
        expect(
          await client.readContract({ ...harness, functionName: "decodeRelease", args: [hex] }),
          name,
        ).toEqual([asset, recipient, amount]);
      } else {
        const rate = BigInt(message.rate ?? "");
        expect(
          await client.readContract({ ...harness, functionName: "encodeRate", args: [asset, rate] }),
          name,
        ).toBe(hex);
        expect(
          await client.readContract({ ...harness, functionName: "decodeRate", args: [hex] }),
          name,
        ).toEqual([asset, rate]);
      }
    }
  });

  it("reverts on every invalid vector with its named custom error and arguments", async () => {
    expect(vectors.invalid.length).toBeGreaterThan(20);
    const client = local.publicClient;
    const all = ["messageType", "decodeLock", "decodeRelease", "decodeRate"] as const;
    for (const vector of vectors.invalid) {
      const hex = vector.bytes as Hex; // JSON string of hex
      const decoder = "decoder" in vector ? vector.decoder : undefined;
      // A vector for one decoder only; otherwise every decoder and messageType refuse it.
      const functions = decoder === undefined ? all : all.filter((name) => name === decoder);
      expect(functions.length, vector.name).toBeGreaterThan(0);
      for (const functionName of functions) {
        const revert = await revertOf(client.readContract({ ...harness, functionName, args: [hex] }));
        expect(
          { name: revert.errorName, args: revert.args.map(String) },
          `${vector.name}: ${functionName}`,
        ).toEqual(vector.error);
      }
      if (decoder !== undefined) {
        // Well-formed: messageType accepts it.
        expect(await client.readContract({ ...harness, functionName: "messageType", args: [hex] })).toBe(
          Number.parseInt(hex.slice(2, 4), 16),
        );
      }
    }
  });
});
