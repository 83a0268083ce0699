/** A chain the relayer does not work on was asked for (an eid not in the manifest). */
export class UnknownChainError extends Error {
  override name = "UnknownChainError";
  readonly eid: number;

  constructor(eid: number, known: readonly number[], options?: ErrorOptions) {
    super(`no chain with eid ${eid} (known: ${known.join(", ")})`, options);
    this.eid = eid;
  }
}
