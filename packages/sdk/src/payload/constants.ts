/** The version byte every Ballast payload carries (`MsgCodecLib.VERSION`). */
export const PAYLOAD_VERSION = 1;

/** The type byte of each Ballast payload (`MsgCodecLib.LOCK`, `RELEASE`, `RATE`), also the enforced-options keys. */
export const MESSAGE_TYPE = { LOCK: 1, RELEASE: 2, RATE: 3 } as const;

/** The exact length in bytes of each payload, header included (`MsgCodecLib.*_LENGTH`). */
export const MESSAGE_LENGTH = { LOCK: 74, RELEASE: 58, RATE: 38 } as const;

/** The name of a Ballast payload type. */
export type MessageTypeName = keyof typeof MESSAGE_TYPE;

/** Largest amount or rate a payload carries (`type(uint128).max`). */
export const MAX_UINT128 = 2n ** 128n - 1n;
