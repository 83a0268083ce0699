import { endpointV2Abi } from "@ballast/contracts";
import {
  type Address,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  type Log,
  parseAbiParameters,
} from "viem";
import { describe, expect, it } from "vitest";
import { InvalidPacketError } from "../errors.js";
import { vector } from "../test/vectors.js";
import { getSentPackets } from "./getSentPackets.js";

const endpoint: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const otherEndpoint: Address = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const sendLibrary: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const options: Hex = "0x00030100110100000000000000000000000000030d40";

const [packetSentTopic] = encodeEventTopics({ abi: endpointV2Abi, eventName: "PacketSent" });

function log(overrides: Partial<Log> & { data: Hex }): Log {
  return {
    address: endpoint,
    topics: [packetSentTopic],
    blockHash: `0x${"0b".repeat(32)}`,
    blockNumber: 7n,
    transactionHash: `0x${"0c".repeat(32)}`,
    transactionIndex: 0,
    logIndex: 3,
    removed: false,
    ...overrides,
  };
}

function packetSentData(encodedPayload: Hex): Hex {
  return encodeAbiParameters(parseAbiParameters("bytes, bytes, address"), [
    encodedPayload,
    options,
    sendLibrary,
  ]);
}

describe("getSentPackets", () => {
  it("decodes PacketSent logs of the endpoint into packets with their position", () => {
    const [sent, ...rest] = getSentPackets({ endpoint, logs: [log({ data: packetSentData(vector.bytes) })] });
    expect(rest).toEqual([]);
    expect(sent).toEqual({
      packet: vector.packet,
      encodedPacket: vector.bytes,
      options,
      sendLibrary,
      blockNumber: 7n,
      blockHash: `0x${"0b".repeat(32)}`,
      transactionHash: `0x${"0c".repeat(32)}`,
      transactionIndex: 0,
      logIndex: 3,
    });
  });

  it("reads a receipt's logs and keeps their order", () => {
    const second: Hex = `0x010000000000000009${vector.bytes.slice(20)}`; // nonce 9
    const receipt = {
      logs: [
        log({ data: packetSentData(vector.bytes), logIndex: 1 }),
        log({ data: packetSentData(second), logIndex: 2 }),
      ],
    };
    const sent = getSentPackets({ endpoint, receipt });
    expect(sent.map((s) => [s.logIndex, s.packet.nonce])).toEqual([
      [1, 0x0102030405060708n],
      [2, 9n],
    ]);
  });

  it("ignores other contracts' logs and other events, matching the address in any case", () => {
    const logs = [
      log({ data: packetSentData(vector.bytes), address: otherEndpoint }),
      log({ data: "0x", topics: [`0x${"ee".repeat(32)}`] }),
      log({ data: packetSentData(vector.bytes), address: endpoint.toLowerCase() as Address, logIndex: 9 }), // still an address, lowercased
    ];
    const sent = getSentPackets({ endpoint, logs });
    expect(sent.map((s) => s.logIndex)).toEqual([9]);
    expect(getSentPackets({ endpoint, logs: [] })).toEqual([]);
  });

  it("refuses a PacketSent whose payload is not a v1 packet", () => {
    const bad = `0x02${vector.bytes.slice(4)}` as const;
    expect(() => getSentPackets({ endpoint, logs: [log({ data: packetSentData(bad) })] })).toThrow(
      InvalidPacketError,
    );
  });

  it("refuses a PacketSent log whose data does not decode", () => {
    expect(() => getSentPackets({ endpoint, logs: [log({ data: "0x1234" })] })).toThrow(
      /could not be decoded/,
    );
  });
});
