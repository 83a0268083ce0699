import {
  type DeliverPacketReturnType,
  deliverPacket,
  type ExecutePacketReturnType,
  executePacket,
  type GetPacketStateReturnType,
  getPacketState,
  getSentPackets,
  type SentPacket,
  type VerifyPacketReturnType,
  verifyPacket,
} from "@ballast/sdk";
import type {
  Account,
  Address,
  Chain,
  PublicClient,
  TransactionReceipt,
  Transport,
  WalletClient,
} from "viem";

/** Where packets to one eid are verified and executed. */
export interface RelayRoute {
  eid: number;
  publicClient: PublicClient<Transport, Chain>;
  /** The SimpleMessageLib's whitelisted verifier on that chain; also executes. */
  walletClient: WalletClient<Transport, Chain, Account>;
  endpoint: Address;
  messageLib: Address;
}

/**
 * The devnet relayer for tests: collects `PacketSent` from receipts with the sdk and delivers
 * them (verify as the whitelisted verifier, then execute), in order or one by one.
 */
export class PacketRelay {
  readonly #routes = new Map<number, RelayRoute>();
  #sent: SentPacket[] = [];
  #pending: SentPacket[] = [];

  constructor(routes: readonly RelayRoute[]) {
    for (const route of routes) this.#routes.set(route.eid, route);
  }

  /** Every packet collected so far, oldest first: the message ids of the test. */
  get sent(): readonly SentPacket[] {
    return this.#sent;
  }

  /** Collected packets not yet delivered through this relay, oldest first. */
  get pending(): readonly SentPacket[] {
    return this.#pending;
  }

  /** Records the packets a transaction on `srcEid` sent; returns them. */
  collect(srcEid: number, receipt: TransactionReceipt): SentPacket[] {
    const packets = getSentPackets({ endpoint: this.route(srcEid).endpoint, receipt });
    this.#sent.push(...packets);
    this.#pending.push(...packets);
    return packets;
  }

  /** The route of an eid. */
  route(eid: number): RelayRoute {
    const route = this.#routes.get(eid);
    if (route === undefined) throw new Error(`no chain with eid ${eid}`);
    return route;
  }

  /** The packet's state on its destination endpoint. */
  state(sent: SentPacket): Promise<GetPacketStateReturnType> {
    const { publicClient, endpoint } = this.route(sent.packet.dstEid);
    return getPacketState({ publicClient, endpoint, packet: sent.packet });
  }

  /** Verifies the packet on its destination (validatePacket by the verifier). */
  verify(sent: SentPacket): Promise<VerifyPacketReturnType> {
    const { publicClient, walletClient, messageLib } = this.route(sent.packet.dstEid);
    return verifyPacket({ publicClient, walletClient, messageLib, packet: sent.encodedPacket });
  }

  /** Executes a verified packet on its destination (EndpointV2.lzReceive) and forgets it from `pending`. */
  async execute(sent: SentPacket): Promise<ExecutePacketReturnType> {
    const { publicClient, walletClient, endpoint } = this.route(sent.packet.dstEid);
    const result = await executePacket({ publicClient, walletClient, endpoint, packet: sent.packet });
    this.#forget(sent);
    this.collect(sent.packet.dstEid, result.receipt);
    return result;
  }

  /** Verifies (when needed) and executes one packet, and forgets it from `pending`. */
  async deliver(sent: SentPacket): Promise<DeliverPacketReturnType> {
    const route = this.route(sent.packet.dstEid);
    const result = await deliverPacket({ ...route, packet: sent.packet });
    this.#forget(sent);
    if (result.executeTransactionHash !== undefined) {
      const receipt = await route.publicClient.getTransactionReceipt({ hash: result.executeTransactionHash });
      this.collect(sent.packet.dstEid, receipt);
    }
    return result;
  }

  /** Delivers every pending packet, oldest first, including any their delivery sends; returns how many. */
  async deliverAll(): Promise<number> {
    let delivered = 0;
    for (let next = this.#pending[0]; next !== undefined; next = this.#pending[0]) {
      await this.deliver(next);
      delivered += 1;
    }
    return delivered;
  }

  /** Drops a packet from `pending` (matched by guid, which is unique per path and nonce). */
  #forget(sent: SentPacket): void {
    this.#pending = this.#pending.filter((other) => other.packet.guid !== sent.packet.guid);
  }

  /** The relay's bookkeeping, to restore with the chains' state (see `TestNetwork.snapshot`). */
  save(): () => void {
    const sent = [...this.#sent];
    const pending = [...this.#pending];
    return () => {
      this.#sent = [...sent];
      this.#pending = [...pending];
    };
  }
}
