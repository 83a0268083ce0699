import { endpointV2Abi, omniCounterAbi, omniCounterBytecode, simpleMessageLibAbi } from "@ballast/contracts";
import {
  addressToBytes32,
  CallerNotWhitelistedError,
  computePayloadHash,
  deliverPacket,
  encodePacket,
  executePacket,
  getPacketState,
  getSentPackets,
  type Packet,
  PacketAlreadyExecutedError,
  PacketNotVerifiedError,
  PayloadHashMismatchError,
  type SentPacket,
  verifyPacket,
  WrongDestinationError,
} from "@ballast/sdk";
import { type Address, type Hex, parseEventLogs, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalChain, type LocalChain } from "./createLocalChain.js";
import {
  type DeployLayerZeroEndpointReturnType,
  deployLayerZeroEndpoint,
} from "./deployLayerZeroEndpoint.js";

const EID_A = 40_101;
const EID_B = 40_102;
/** OmniCounter's plain increment (`MsgCodec.VANILLA_TYPE`). */
const VANILLA = 1;
/** Type-3 options: executor lzReceive with 200k gas (OptionsBuilder.addExecutorLzReceiveOption(200000, 0)). */
const OPTIONS: Hex = "0x00030100110100000000000000000000000000030d40";

/** Awaits a rejection and checks its class, returning it typed. */
async function rejection<E extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof type)) throw new Error(`expected a ${type.name}, got ${String(error)}`);
  return error;
}

/** Two in-process chains with LayerZero endpoints; account #1 is the relayer, #2 a stranger. */
describe("LayerZero packet delivery between two local chains", () => {
  let a: LocalChain;
  let b: LocalChain;
  let lzA: DeployLayerZeroEndpointReturnType;
  let lzB: DeployLayerZeroEndpointReturnType;
  let relayer: Address;

  beforeAll(async () => {
    // Chain ids differ from the eids on purpose: nothing may confuse the two.
    a = await createLocalChain({ chainId: 31_401 });
    b = await createLocalChain({ chainId: 31_402 });
    relayer = b.walletClient(1).account.address;
    lzA = await deployLayerZeroEndpoint({ chain: a, eid: EID_A, remoteEids: [EID_B], verifier: relayer });
    lzB = await deployLayerZeroEndpoint({ chain: b, eid: EID_B, remoteEids: [EID_A], verifier: relayer });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  async function deployCounter(chain: LocalChain, endpoint: Address): Promise<Address> {
    const wallet = chain.walletClient(0);
    const hash = await wallet.deployContract({
      abi: omniCounterAbi,
      bytecode: omniCounterBytecode,
      args: [endpoint, wallet.account.address],
    });
    const { contractAddress } = await chain.publicClient.waitForTransactionReceipt({ hash });
    if (!contractAddress) throw new Error("OmniCounter deployment produced no contract");
    return contractAddress;
  }

  async function setPeer(chain: LocalChain, counter: Address, eid: number, peer: Address): Promise<void> {
    const hash = await chain.walletClient(0).writeContract({
      address: counter,
      abi: omniCounterAbi,
      functionName: "setPeer",
      args: [eid, addressToBytes32(peer)],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });
  }

  /** A fresh OmniCounter pair, peers set both ways: every test starts its path at nonce 1. */
  async function counters(): Promise<{ counterA: Address; counterB: Address }> {
    const counterA = await deployCounter(a, lzA.endpoint);
    const counterB = await deployCounter(b, lzB.endpoint);
    await setPeer(a, counterA, EID_B, counterB);
    await setPeer(b, counterB, EID_A, counterA);
    return { counterA, counterB };
  }

  /** Sends one increment A -> B paying the quoted fee; returns the packet the endpoint emitted. */
  async function increment(counterA: Address): Promise<SentPacket> {
    const [nativeFee, lzTokenFee] = await a.publicClient.readContract({
      address: counterA,
      abi: omniCounterAbi,
      functionName: "quote",
      args: [EID_B, VANILLA, OPTIONS],
    });
    expect([nativeFee, lzTokenFee]).toEqual([100n, 0n]); // SimpleMessageLib's default fee
    const hash = await a.walletClient(0).writeContract({
      address: counterA,
      abi: omniCounterAbi,
      functionName: "increment",
      args: [EID_B, VANILLA, OPTIONS],
      value: nativeFee,
    });
    const receipt = await a.publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    const sent = getSentPackets({ endpoint: lzA.endpoint, receipt });
    expect(sent).toHaveLength(1);
    const [packet] = sent;
    if (!packet) throw new Error("no PacketSent in the receipt");
    return packet;
  }

  async function countOnB(counterB: Address): Promise<bigint> {
    return b.publicClient.readContract({ address: counterB, abi: omniCounterAbi, functionName: "count" });
  }

  const onB = () => ({ publicClient: b.publicClient, endpoint: lzB.endpoint });
  const relayerOnB = () => ({ publicClient: b.publicClient, walletClient: b.walletClient(1) });
  const stateOnB = async (packet: Packet | Hex) => getPacketState({ ...onB(), packet });

  it("takes a packet from sent through verified to executed, once", async () => {
    const { counterA, counterB } = await counters();
    const expectedGuid = await a.publicClient.readContract({
      address: lzA.endpoint,
      abi: endpointV2Abi,
      functionName: "nextGuid",
      args: [counterA, EID_B, addressToBytes32(counterB)],
    });

    const sent = await increment(counterA);
    expect(sent.packet).toEqual({
      nonce: 1n,
      srcEid: EID_A,
      sender: addressToBytes32(counterA),
      dstEid: EID_B,
      receiver: addressToBytes32(counterB),
      guid: expectedGuid,
      message: "0x0100009ca5", // MsgCodec.encode(VANILLA_TYPE, 40101)
    });
    expect(sent.options).toBe(OPTIONS);
    expect(sent.sendLibrary).toBe(lzA.messageLib);
    // The sdk's encoder reproduces PacketV1Codec's bytes exactly.
    expect(encodePacket(sent.packet)).toBe(sent.encodedPacket);

    const sentState = await stateOnB(sent.packet);
    expect(sentState).toMatchObject({
      state: "sent",
      executable: false,
      storedPayloadHash: zeroHash,
      lazyInboundNonce: 0n,
      inboundNonce: 0n,
    });

    const verified = await verifyPacket({
      ...relayerOnB(),
      messageLib: lzB.messageLib,
      packet: sent.encodedPacket,
    });
    const [verifiedLog] = parseEventLogs({
      abi: endpointV2Abi,
      eventName: "PacketVerified",
      logs: verified.receipt.logs,
    });
    expect(verifiedLog?.args.payloadHash).toBe(computePayloadHash(sent.packet));
    expect(await stateOnB(sent.packet)).toMatchObject({
      state: "verified",
      executable: true,
      storedPayloadHash: computePayloadHash(sent.packet),
      lazyInboundNonce: 0n,
      inboundNonce: 1n,
    });
    expect(await countOnB(counterB)).toBe(0n);

    const executed = await executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: sent.packet });
    const delivered = parseEventLogs({
      abi: endpointV2Abi,
      eventName: "PacketDelivered",
      logs: executed.receipt.logs,
    });
    expect(delivered.map((log) => log.args.origin.nonce)).toEqual([1n]);
    expect(await stateOnB(sent.packet)).toMatchObject({
      state: "executed",
      executable: false,
      storedPayloadHash: zeroHash,
      lazyInboundNonce: 1n,
      inboundNonce: 1n,
    });
    expect(await countOnB(counterB)).toBe(1n);
    expect(
      await b.publicClient.readContract({
        address: counterB,
        abi: omniCounterAbi,
        functionName: "inboundCount",
        args: [EID_A],
      }),
    ).toBe(1n);

    // Delivering again sends nothing: no block is mined, the counter stays.
    const blockBefore = await b.publicClient.getBlockNumber({ cacheTime: 0 });
    const again = await deliverPacket({
      ...relayerOnB(),
      ...onB(),
      messageLib: lzB.messageLib,
      packet: sent.encodedPacket,
    });
    expect(again).toEqual({
      initialState: "executed",
      verifyTransactionHash: undefined,
      executeTransactionHash: undefined,
    });
    expect(await b.publicClient.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
    expect(await countOnB(counterB)).toBe(1n);

    // The endpoint refuses both steps for a consumed nonce, and the sdk says why.
    await expect(
      executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: sent.packet }),
    ).rejects.toThrow(PacketAlreadyExecutedError);
    const reverify = await rejection(
      verifyPacket({
        ...relayerOnB(),
        messageLib: lzB.messageLib,
        packet: sent.packet,
      }),
      PacketAlreadyExecutedError,
    );
    expect(reverify.revert?.errorName).toBe("LZ_PathNotVerifiable");
  });

  it("deliverPacket verifies and executes a fresh packet in one call", async () => {
    const { counterA, counterB } = await counters();
    const sent = await increment(counterA);
    const result = await deliverPacket({
      ...relayerOnB(),
      ...onB(),
      messageLib: lzB.messageLib,
      packet: sent.packet,
    });
    expect(result.initialState).toBe("sent");
    expect(result.verifyTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.executeTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.executeTransactionHash).not.toBe(result.verifyTransactionHash);
    expect((await stateOnB(sent.packet)).state).toBe("executed");
    expect(await countOnB(counterB)).toBe(1n);
  });

  it("executes nonce 2 before nonce 1 once both are verified, each exactly once", async () => {
    const { counterA, counterB } = await counters();
    const first = await increment(counterA);
    const second = await increment(counterA);
    expect([first.packet.nonce, second.packet.nonce]).toEqual([1n, 2n]);
    const verify = (sent: SentPacket) =>
      verifyPacket({ ...relayerOnB(), messageLib: lzB.messageLib, packet: sent.encodedPacket });
    const execute = (sent: SentPacket) =>
      executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: sent.packet });

    // Verification may be out of order, execution may not skip an unverified nonce.
    await verify(second);
    expect(await stateOnB(second.packet)).toMatchObject({
      state: "verified",
      executable: false,
      inboundNonce: 0n,
    });
    const gap = await rejection(execute(second), PacketNotVerifiedError);
    expect(gap.missingNonce).toBe(1n);
    expect(gap.revert).toEqual({ errorName: "LZ_InvalidNonce", args: [1n] });
    await expect(
      deliverPacket({ ...relayerOnB(), ...onB(), messageLib: lzB.messageLib, packet: second.packet }),
    ).rejects.toThrow(PacketNotVerifiedError);

    await verify(first);
    expect(await stateOnB(second.packet)).toMatchObject({
      state: "verified",
      executable: true,
      inboundNonce: 2n,
    });

    await execute(second);
    expect(await countOnB(counterB)).toBe(1n);
    // lazyInboundNonce jumped to 2 while nonce 1 is still pending: its stored hash says "verified".
    expect(await stateOnB(second.packet)).toMatchObject({ state: "executed", lazyInboundNonce: 2n });
    expect(await stateOnB(first.packet)).toMatchObject({
      state: "verified",
      executable: true,
      lazyInboundNonce: 2n,
    });

    await execute(first);
    expect(await countOnB(counterB)).toBe(2n);
    expect(await stateOnB(first.packet)).toMatchObject({
      state: "executed",
      lazyInboundNonce: 2n,
      inboundNonce: 2n,
    });

    for (const sent of [first, second]) {
      const result = await deliverPacket({
        ...relayerOnB(),
        ...onB(),
        messageLib: lzB.messageLib,
        packet: sent.packet,
      });
      expect(result.initialState).toBe("executed");
      await expect(execute(sent)).rejects.toThrow(PacketAlreadyExecutedError);
    }
    expect(await countOnB(counterB)).toBe(2n);
  });

  it("refuses validatePacket from an account that is not the whitelisted verifier", async () => {
    const { counterA } = await counters();
    const sent = await increment(counterA);
    const stranger = b.walletClient(2);
    expect(
      await b.publicClient.readContract({
        address: lzB.messageLib,
        abi: simpleMessageLibAbi,
        functionName: "whitelistCaller",
      }),
    ).toBe(relayer);

    const error = await rejection(
      verifyPacket({
        publicClient: b.publicClient,
        walletClient: stranger,
        messageLib: lzB.messageLib,
        packet: sent.encodedPacket,
      }),
      CallerNotWhitelistedError,
    );
    expect(error.revert).toEqual({
      errorName: "OnlyWhitelistCaller",
      args: [],
    });
    expect((await stateOnB(sent.packet)).state).toBe("sent");

    // Without the sdk's simulation the node still refuses it, and nothing is stored.
    const raw = stranger.writeContract({
      address: lzB.messageLib,
      abi: simpleMessageLibAbi,
      functionName: "validatePacket",
      args: [sent.encodedPacket],
      gas: 200_000n,
    });
    await expect(raw).rejects.toThrow(/OnlyWhitelistCaller/);
    expect((await stateOnB(sent.packet)).state).toBe("sent");
  });

  it("fails to execute an unverified packet with the sdk's PacketNotVerifiedError", async () => {
    const { counterA, counterB } = await counters();
    const sent = await increment(counterA);
    const error = await rejection(
      executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: sent.packet }),
      PacketNotVerifiedError,
    );
    expect(error.missingNonce).toBe(1n);
    expect(error.message).toMatch(/the packet is not verified/);
    expect(error.revert?.errorName).toBe("LZ_InvalidNonce");
    expect((await stateOnB(sent.packet)).state).toBe("sent");
    expect(await countOnB(counterB)).toBe(0n);
  });

  it("refuses to execute bytes other than the verified ones", async () => {
    const { counterA, counterB } = await counters();
    const sent = await increment(counterA);
    await verifyPacket({ ...relayerOnB(), messageLib: lzB.messageLib, packet: sent.packet });
    const tampered: Packet = { ...sent.packet, message: "0x0200009ca5" }; // composed type instead of vanilla

    expect((await stateOnB(tampered)).state).toBe("sent");
    const error = await rejection(
      executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: tampered }),
      PayloadHashMismatchError,
    );
    expect(error.expected).toBe(computePayloadHash(sent.packet));
    expect(error.actual).toBe(computePayloadHash(tampered));
    expect(await countOnB(counterB)).toBe(0n);
    // The genuine packet is still deliverable.
    await executePacket({ ...relayerOnB(), endpoint: lzB.endpoint, packet: sent.packet });
    expect(await countOnB(counterB)).toBe(1n);
  });

  it("classifies nonces the OApp's delegate nilified or skipped", async () => {
    const { counterA, counterB } = await counters();
    const first = await increment(counterA);
    const second = await increment(counterA);
    // OmniCounter made account #0 its delegate on the endpoint, which may nilify and skip.
    const delegate = b.walletClient(0);
    const onEndpoint = { address: lzB.endpoint, abi: endpointV2Abi } as const;
    const path = [counterB, EID_A, addressToBytes32(counterA)] as const;

    // Nilify a verified nonce: it stays in the gapless run but cannot run until re-verified.
    await verifyPacket({ ...relayerOnB(), messageLib: lzB.messageLib, packet: first.packet });
    await b.publicClient.waitForTransactionReceipt({
      hash: await delegate.writeContract({
        ...onEndpoint,
        functionName: "nilify",
        args: [...path, 1n, computePayloadHash(first.packet)],
      }),
    });
    expect(await stateOnB(first.packet)).toMatchObject({
      state: "sent",
      storedPayloadHash: `0x${"ff".repeat(32)}`,
      inboundNonce: 1n,
    });
    const nilified = await rejection(
      executePacket({
        ...relayerOnB(),
        endpoint: lzB.endpoint,
        packet: first.packet,
      }),
      PacketNotVerifiedError,
    );
    expect(nilified.message).toMatch(/nilified/);
    const redelivered = await deliverPacket({
      ...relayerOnB(),
      ...onB(),
      messageLib: lzB.messageLib,
      packet: first.packet,
    });
    expect(redelivered.verifyTransactionHash).toBeDefined();
    expect(redelivered.executeTransactionHash).toBeDefined();
    expect(await countOnB(counterB)).toBe(1n);

    // Skip the next, unverified nonce: the endpoint will never take it, like an executed one.
    await b.publicClient.waitForTransactionReceipt({
      hash: await delegate.writeContract({ ...onEndpoint, functionName: "skip", args: [...path, 2n] }),
    });
    expect(await stateOnB(second.packet)).toMatchObject({ state: "executed", lazyInboundNonce: 2n });
    const skipped = await deliverPacket({
      ...relayerOnB(),
      ...onB(),
      messageLib: lzB.messageLib,
      packet: second.packet,
    });
    expect(skipped).toMatchObject({ initialState: "executed", executeTransactionHash: undefined });
    expect(await countOnB(counterB)).toBe(1n);
  });

  it("refuses a packet given to the wrong chain's endpoint or library", async () => {
    const { counterA } = await counters();
    const sent = await increment(counterA);
    await expect(
      getPacketState({ publicClient: a.publicClient, endpoint: lzA.endpoint, packet: sent.packet }),
    ).rejects.toThrow(WrongDestinationError);
    await expect(
      verifyPacket({
        publicClient: a.publicClient,
        walletClient: a.walletClient(1),
        messageLib: lzA.messageLib,
        packet: sent.packet,
      }),
    ).rejects.toThrow(WrongDestinationError);
  });

  it("agrees with EndpointV2.nextGuid on the sdk's GUID test vector", async () => {
    // Same fields as @ballast/sdk's guidVector: nonce 1, 0x1111..11 on 40101 -> 0x2222..22 on 40102.
    const guid = await a.publicClient.readContract({
      address: lzA.endpoint,
      abi: endpointV2Abi,
      functionName: "nextGuid",
      args: [`0x${"11".repeat(20)}`, EID_B, addressToBytes32(`0x${"22".repeat(20)}`)],
    });
    expect(guid).toBe("0x440074912ab74ddc2a1bd86b75810e2178175d786634e0ef0f4eca48b4418631");
  });
});
