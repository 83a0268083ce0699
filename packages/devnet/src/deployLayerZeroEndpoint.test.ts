import { endpointV2Abi, simpleMessageLibAbi } from "@ballast/contracts";
import { type Address, getAddress, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalChain, type LocalChain } from "./createLocalChain.js";
import { deployLayerZeroEndpoint } from "./deployLayerZeroEndpoint.js";
import { LayerZeroDeploymentError } from "./errors.js";

describe("deployLayerZeroEndpoint", () => {
  let chain: LocalChain;

  beforeAll(async () => {
    chain = await createLocalChain({ chainId: 31_501 });
  });
  afterAll(async () => {
    await chain.close();
  });

  const read = {
    endpoint: (address: Address) => ({ address, abi: endpointV2Abi }) as const,
    lib: (address: Address) => ({ address, abi: simpleMessageLibAbi }) as const,
  };

  it("deploys EndpointV2 and SimpleMessageLib and wires the library for every remote eid", async () => {
    const verifier = chain.accounts[1];
    if (!verifier) throw new Error("no development account #1");
    const lz = await deployLayerZeroEndpoint({ chain, eid: 40_101, remoteEids: [40_102, 40_103], verifier });
    const owner = chain.accounts[0];
    expect(lz).toEqual({
      eid: 40_101,
      endpoint: getAddress(lz.endpoint),
      messageLib: getAddress(lz.messageLib),
      owner,
      verifier,
    });
    const client = chain.publicClient;
    const endpoint = read.endpoint(lz.endpoint);
    expect(await client.readContract({ ...endpoint, functionName: "eid" })).toBe(40_101);
    expect(await client.readContract({ ...endpoint, functionName: "owner" })).toBe(owner);
    expect(
      await client.readContract({ ...endpoint, functionName: "isRegisteredLibrary", args: [lz.messageLib] }),
    ).toBe(true);
    for (const remote of [40_102, 40_103]) {
      expect(
        await client.readContract({ ...endpoint, functionName: "defaultSendLibrary", args: [remote] }),
      ).toBe(lz.messageLib);
      expect(
        await client.readContract({ ...endpoint, functionName: "defaultReceiveLibrary", args: [remote] }),
      ).toBe(lz.messageLib);
    }
    // A remote eid that was not listed has no default library.
    expect(
      await client.readContract({ ...endpoint, functionName: "defaultSendLibrary", args: [40_104] }),
    ).toBe(zeroAddress);

    const lib = read.lib(lz.messageLib);
    expect(await client.readContract({ ...lib, functionName: "endpoint" })).toBe(lz.endpoint);
    expect(await client.readContract({ ...lib, functionName: "treasury" })).toBe(owner);
    expect(await client.readContract({ ...lib, functionName: "localEid" })).toBe(40_101);
    expect(await client.readContract({ ...lib, functionName: "whitelistCaller" })).toBe(verifier);
    expect(await client.readContract({ ...lib, functionName: "nativeFee" })).toBe(100n);
  });

  it("deploys with a given wallet and leaves validatePacket open without a verifier", async () => {
    const walletClient = chain.walletClient(3);
    const lz = await deployLayerZeroEndpoint({
      walletClient,
      publicClient: chain.publicClient,
      eid: 40_201,
      remoteEids: [],
    });
    expect(lz.owner).toBe(walletClient.account.address);
    expect(lz.verifier).toBeUndefined();
    const lib = read.lib(lz.messageLib);
    expect(await chain.publicClient.readContract({ ...lib, functionName: "whitelistCaller" })).toBe(
      zeroAddress,
    );
    expect(await chain.publicClient.readContract({ ...lib, functionName: "owner" })).toBe(lz.owner);
  });

  it.each([
    ["eid 0", { eid: 0, remoteEids: [1] }, /invalid eid 0/],
    ["an eid above uint32", { eid: 2 ** 32, remoteEids: [1] }, /invalid eid/],
    ["a fractional remote eid", { eid: 1, remoteEids: [2.5] }, /invalid remote eid 2.5/],
    ["a repeated remote eid", { eid: 1, remoteEids: [2, 2] }, /remote eids repeat/],
  ])("refuses %s", async (_, parameters, message) => {
    const attempt = deployLayerZeroEndpoint({ chain, ...parameters });
    await expect(attempt).rejects.toThrow(LayerZeroDeploymentError);
    await expect(deployLayerZeroEndpoint({ chain, ...parameters })).rejects.toThrow(message);
  });

  it("wraps a failing step with its name and cause", async () => {
    // A closed chain refuses every request: the first step fails.
    const stopped = await createLocalChain({ chainId: 31_502 });
    await stopped.close();
    await expect(deployLayerZeroEndpoint({ chain: stopped, eid: 1, remoteEids: [] })).rejects.toMatchObject({
      name: "LayerZeroDeploymentError",
      message: expect.stringMatching(/deploy EndpointV2 failed on chain 31502/),
      cause: expect.any(Error),
    });
  });
});
