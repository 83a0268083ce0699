import { Injectable } from "@nestjs/common";
import { Subject } from "rxjs";

/** What one indexer step committed on one chain. */
export interface IndexedSignal {
  eid: number;
  /** Events stored, or removed by a rewind. */
  events: number;
  /** Messages (`PacketSent` of our OApps) created. */
  messages: number;
}

/**
 * Signals between the relayer's jobs, so work starts when there is some rather than on the next
 * tick of an interval: the indexer publishes each committed range on `indexed$`; delivery runs a
 * pass at once when it stored or removed events. Global (`SignalsModule`); publishers and
 * subscribers inject it as optional, so each job also runs alone.
 */
@Injectable()
export class WorkSignals {
  readonly indexed$ = new Subject<IndexedSignal>();
}
