// Composite map keys ("2:0xabc..." for (srcEid, asset)) built once and reused: building a template
// string and hashing it on every event costs more than the rest of the event's work, while a
// lookup by an address string already hashed, then by a number, is cheap.

const pairs = new Map<string, Map<number, string>>();
const triples = new Map<string, Map<number, Map<number, string>>>();
const MAX_ENTRIES = 1 << 16;
let entries = 0;

function room(): void {
  if (entries < MAX_ENTRIES) return;
  pairs.clear();
  triples.clear();
  entries = 0;
}

/** The key `${eid}:${address}`, interned. */
export function pairKey(eid: number, address: string): string {
  let byEid = pairs.get(address);
  if (byEid === undefined) {
    room();
    byEid = new Map();
    pairs.set(address, byEid);
  }
  let key = byEid.get(eid);
  if (key === undefined) {
    room();
    key = `${eid}:${address}`;
    byEid.set(eid, key);
    entries += 1;
  }
  return key;
}

/** The key `${first}:${second}:${address}`, interned. */
export function tripleKey(first: number, second: number, address: string): string {
  let byFirst = triples.get(address);
  if (byFirst === undefined) {
    room();
    byFirst = new Map();
    triples.set(address, byFirst);
  }
  let bySecond = byFirst.get(first);
  if (bySecond === undefined) {
    room();
    bySecond = new Map();
    byFirst.set(first, bySecond);
  }
  let key = bySecond.get(second);
  if (key === undefined) {
    room();
    key = `${first}:${second}:${address}`;
    bySecond.set(second, key);
    entries += 1;
  }
  return key;
}
