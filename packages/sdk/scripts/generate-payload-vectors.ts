// Writes vectors/payload-vectors.json: Ballast payloads (MsgCodecLib) shared by both sides of the
// codec. Valid cases (edge values: zero and max uint128, zero and max address, a distinct byte in
// every position so a shifted offset shows) are built here with viem's encodePacked, not with the
// sdk's codec; invalid byte strings carry the custom error MsgCodecLib (or, for a well-formed
// payload of another type, the receiving contract) reverts with. The sdk's unit tests run the
// TypeScript codec against every vector; @ballast/devnet's payloadVectors test runs the Solidity
// library (contracts/testing/MsgCodecHarness.sol) against them. Regenerate with:
//   node scripts/generate-payload-vectors.ts
import { writeFileSync } from "node:fs";
import { type Address, concat, encodePacked, getAddress, type Hex, size, sliceHex } from "viem";

const VERSION = 1;
const TYPE = { LOCK: 1, RELEASE: 2, RATE: 3 } as const;
const LENGTH = { LOCK: 74, RELEASE: 58, RATE: 38 } as const;
type TypeName = keyof typeof TYPE;
const MAX_UINT128 = 2n ** 128n - 1n;

const address = (hex: string): Address => getAddress(`0x${hex}`);
const ZERO = address("00".repeat(20));
const MAX = address("ff".repeat(20));
const A1 = address("1111111111111111111111111111111111111111");
const A2 = address("2222222222222222222222222222222222222222");
// A token- and a user-like address: mixed case in checksum form.
const USDC = address("a0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
const ALICE = address("70997970c51812dc3a010c7d01b50e0d17dc79c8");
// 16 distinct bytes each: a field read at the wrong offset cannot come out equal.
const DISTINCT_A = 0x0102030405060708090a0b0c0d0e0f10n;
const DISTINCT_B = 0x1112131415161718191a1b1c1d1e1f20n;
const WAD = 10n ** 18n;

interface LockFields {
  asset: Address;
  beneficiary: Address;
  amount: bigint;
  rate: bigint;
}
interface ReleaseFields {
  asset: Address;
  recipient: Address;
  amount: bigint;
}
interface RateFields {
  asset: Address;
  rate: bigint;
}

const lock = (f: LockFields): Hex =>
  encodePacked(
    ["uint8", "uint8", "address", "address", "uint128", "uint128"],
    [TYPE.LOCK, VERSION, f.asset, f.beneficiary, f.amount, f.rate],
  );
const release = (f: ReleaseFields): Hex =>
  encodePacked(
    ["uint8", "uint8", "address", "address", "uint128"],
    [TYPE.RELEASE, VERSION, f.asset, f.recipient, f.amount],
  );
const rate = (f: RateFields): Hex =>
  encodePacked(["uint8", "uint8", "address", "uint128"], [TYPE.RATE, VERSION, f.asset, f.rate]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const valid: Json[] = [];
const invalid: Json[] = [];

function addValid(name: string, type: TypeName, fields: Record<string, Address | bigint>, bytes: Hex): void {
  if (size(bytes) !== LENGTH[type]) throw new Error(`${name}: ${size(bytes)} bytes`);
  const message: Record<string, Json> = { type };
  for (const [key, value] of Object.entries(fields)) {
    message[key] = typeof value === "bigint" ? value.toString() : value;
  }
  valid.push({ name, message, bytes });
}

/** The error MsgCodecLib.messageType reverts with for `bytes`, by its rules in their order. */
function codecError(bytes: Hex): { name: string; args: string[] } | undefined {
  const length = size(bytes);
  if (length < 2) return { name: "MessageTooShort", args: [String(length)] };
  const typeByte = Number.parseInt(bytes.slice(2, 4), 16);
  const type = (Object.keys(TYPE) as TypeName[]).find((name) => TYPE[name] === typeByte);
  if (type === undefined) return { name: "UnknownMessageType", args: [String(typeByte)] };
  const version = Number.parseInt(bytes.slice(4, 6), 16);
  if (version !== VERSION) return { name: "UnsupportedVersion", args: [String(version)] };
  if (length !== LENGTH[type])
    return { name: "InvalidMessageLength", args: [String(typeByte), String(length), String(LENGTH[type])] };
  return undefined;
}

/** A payload every decoder refuses, with the error `codecError` expects (asserted to be `expected`). */
function addInvalid(name: string, bytes: Hex, expected: string): void {
  const error = codecError(bytes);
  if (error?.name !== expected) throw new Error(`${name}: expected ${expected}, rules give ${error?.name}`);
  invalid.push({ name, bytes, error });
}

/** A well-formed payload given to the decoder of another type. */
function addUnexpected(
  name: string,
  decoder: "decodeLock" | "decodeRelease" | "decodeRate",
  bytes: Hex,
): void {
  if (codecError(bytes) !== undefined) throw new Error(`${name}: not well-formed`);
  const typeByte = Number.parseInt(bytes.slice(2, 4), 16);
  invalid.push({ name, bytes, decoder, error: { name: "UnexpectedMessageType", args: [String(typeByte)] } });
}

// ---------------------------------------------------------------- valid
const locks: [string, LockFields][] = [
  ["zero addresses, zero amount and rate", { asset: ZERO, beneficiary: ZERO, amount: 0n, rate: 0n }],
  [
    "max addresses, max amount and rate",
    { asset: MAX, beneficiary: MAX, amount: MAX_UINT128, rate: MAX_UINT128 },
  ],
  ["distinct bytes in every field", { asset: A1, beneficiary: A2, amount: DISTINCT_A, rate: DISTINCT_B }],
  ["max amount, zero rate", { asset: USDC, beneficiary: ALICE, amount: MAX_UINT128, rate: 0n }],
  [
    "one wei of a share at rate 1.05",
    { asset: A1, beneficiary: ALICE, amount: 1n, rate: (WAD * 105n) / 100n },
  ],
  ["1,000 USDC", { asset: USDC, beneficiary: ALICE, amount: 1_000_000_000n, rate: 0n }],
];
for (const [name, fields] of locks) addValid(`LOCK: ${name}`, "LOCK", { ...fields }, lock(fields));
const releases: [string, ReleaseFields][] = [
  ["zero addresses, zero amount", { asset: ZERO, recipient: ZERO, amount: 0n }],
  ["max addresses, max amount", { asset: MAX, recipient: MAX, amount: MAX_UINT128 }],
  ["distinct bytes in every field", { asset: A1, recipient: A2, amount: DISTINCT_A }],
  ["300 USDC", { asset: USDC, recipient: ALICE, amount: 300_000_000n }],
];
for (const [name, fields] of releases)
  addValid(`RELEASE: ${name}`, "RELEASE", { ...fields }, release(fields));
const rates: [string, RateFields][] = [
  ["zero address, zero rate", { asset: ZERO, rate: 0n }],
  ["max address, max rate", { asset: MAX, rate: MAX_UINT128 }],
  ["distinct bytes in every field", { asset: A2, rate: DISTINCT_B }],
  ["rate 1", { asset: A1, rate: WAD }],
];
for (const [name, fields] of rates) addValid(`RATE: ${name}`, "RATE", { ...fields }, rate(fields));

// ---------------------------------------------------------------- invalid: every decoder
const aLock = lock({ asset: A1, beneficiary: A2, amount: DISTINCT_A, rate: DISTINCT_B });
const aRelease = release({ asset: A1, recipient: A2, amount: DISTINCT_A });
const aRate = rate({ asset: A2, rate: DISTINCT_B });
const withByte = (bytes: Hex, offset: number, byte: number): Hex =>
  concat([
    sliceHex(bytes, 0, offset),
    `0x${byte.toString(16).padStart(2, "0")}`,
    ...(offset + 1 < size(bytes) ? [sliceHex(bytes, offset + 1)] : []),
  ]);
const truncated = (bytes: Hex, length: number): Hex => sliceHex(bytes, 0, length);
const extended = (bytes: Hex, extra: number): Hex => concat([bytes, `0x${"ab".repeat(extra)}`]);

addInvalid("empty", "0x", "MessageTooShort");
addInvalid("one byte (a LOCK type byte)", "0x01", "MessageTooShort");
addInvalid("one byte (an unknown type byte)", "0xff", "MessageTooShort");
addInvalid("LOCK header only", "0x0101", "InvalidMessageLength");
addInvalid("RATE header only", "0x0301", "InvalidMessageLength");
addInvalid("type 0, LOCK body", withByte(aLock, 0, 0), "UnknownMessageType");
addInvalid("type 4, RATE body", withByte(aRate, 0, 4), "UnknownMessageType");
addInvalid("type 255, RELEASE body", withByte(aRelease, 0, 255), "UnknownMessageType");
addInvalid(
  "unknown type is checked before the version",
  withByte(withByte(aLock, 0, 9), 1, 7),
  "UnknownMessageType",
);
addInvalid("unknown type with header only", "0x0001", "UnknownMessageType");
addInvalid("LOCK version 0", withByte(aLock, 1, 0), "UnsupportedVersion");
addInvalid("LOCK version 2", withByte(aLock, 1, 2), "UnsupportedVersion");
addInvalid("RELEASE version 255", withByte(aRelease, 1, 255), "UnsupportedVersion");
addInvalid("RATE version 0", withByte(aRate, 1, 0), "UnsupportedVersion");
addInvalid(
  "version is checked before the length",
  truncated(withByte(aLock, 1, 2), 73),
  "UnsupportedVersion",
);
addInvalid("LOCK truncated by one byte", truncated(aLock, 73), "InvalidMessageLength");
addInvalid("LOCK with one trailing byte", extended(aLock, 1), "InvalidMessageLength");
addInvalid("LOCK cut to a RELEASE's length", truncated(aLock, 58), "InvalidMessageLength");
addInvalid("LOCK of 1,000 bytes", extended(aLock, 926), "InvalidMessageLength");
addInvalid("RELEASE truncated by one byte", truncated(aRelease, 57), "InvalidMessageLength");
addInvalid("RELEASE with one trailing byte", extended(aRelease, 1), "InvalidMessageLength");
addInvalid("RELEASE type with a LOCK's length", withByte(aLock, 0, TYPE.RELEASE), "InvalidMessageLength");
addInvalid("RATE truncated by one byte", truncated(aRate, 37), "InvalidMessageLength");
addInvalid("RATE with one trailing byte", extended(aRate, 1), "InvalidMessageLength");
addInvalid("two RATEs back to back", concat([aRate, aRate]), "InvalidMessageLength");
addInvalid("RATE type with a RELEASE's length", withByte(aRelease, 0, TYPE.RATE), "InvalidMessageLength");

// ---------------------------------------------------------------- invalid: one decoder
addUnexpected("RELEASE given to decodeLock", "decodeLock", aRelease);
addUnexpected("RATE given to decodeLock", "decodeLock", aRate);
addUnexpected("LOCK given to decodeRelease", "decodeRelease", aLock);
addUnexpected("RATE given to decodeRelease", "decodeRelease", aRate);
addUnexpected("LOCK given to decodeRate", "decodeRate", aLock);
addUnexpected("RELEASE given to decodeRate", "decodeRate", aRelease);

const vectors = {
  description:
    "Ballast payloads (MsgCodecLib): valid messages with their bytes; invalid byte strings with the custom error (name, args as decimal strings) the contracts revert with. `decoder` names the only decoder an invalid vector is for; without it, every decoder and messageType refuse it.",
  constants: { version: VERSION, types: TYPE, lengths: LENGTH },
  valid,
  invalid,
};
const path = new URL("../vectors/payload-vectors.json", import.meta.url);
writeFileSync(path, `${JSON.stringify(vectors, null, 2)}\n`);
console.log(`wrote ${valid.length} valid and ${invalid.length} invalid vectors to ${path.pathname}`);
