/** Something the keeper cannot do (a feed it cannot price with, a chain without a keeper wallet). */
export class KeeperError extends Error {
  override name = "KeeperError";
}
