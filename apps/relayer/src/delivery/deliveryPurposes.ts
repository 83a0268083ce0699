/**
 * What a delivery transaction is for (the `transactions.purpose` column): `verify`
 * (`SimpleMessageLib.validatePacket`, devnet), `execute` (`EndpointV2.lzReceive`), `nonce-fill` (a
 * 0-value transfer to itself that uses up the nonce of a recorded transaction no longer needed).
 */
export type DeliveryPurpose = "verify" | "execute" | "nonce-fill";

/** Every {@link DeliveryPurpose}: the transactions the delivery reconciles (other modules' stay theirs). */
export const DELIVERY_PURPOSES: readonly DeliveryPurpose[] = ["verify", "execute", "nonce-fill"];

/** True for a purpose the delivery owns. */
export function isDeliveryPurpose(purpose: string): purpose is DeliveryPurpose {
  return (DELIVERY_PURPOSES as readonly string[]).includes(purpose);
}
