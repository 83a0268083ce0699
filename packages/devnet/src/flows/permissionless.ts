/**
 * Who may call each state-changing function of Ballast's contracts. `accessControl.test.ts`
 * enumerates the functions from the generated ABIs: a function on neither list, or a listed
 * function the ABI no longer has, fails the test until it is classified here.
 */

/** The contracts whose surface is classified. */
export type BallastContractName = "CollateralVault" | "MarginLedger" | "RiskEngine" | "PerpMarket";

/** The errors a caller without the right gets. */
export const ACCESS_ERRORS = [
  "OwnableUnauthorizedAccount",
  "OnlyGuardian",
  "OnlyMarket",
  "OnlyLocalVault",
  "OnlyLocalLedger",
  "OnlyLedger",
  "OnlyEndpoint",
] as const;
export type AccessError = (typeof ACCESS_ERRORS)[number];

/** The one caller (besides the owner, for the guardian's functions) a restricted function admits. */
export type Gate =
  | "owner"
  | "guardian"
  | "pendingOwner"
  | "market"
  | "localVault"
  | "localLedger"
  | "ledger"
  | "endpoint";

/** A restricted function: who may call it, the error anyone else gets, and why. */
export interface Restriction {
  gate: Gate;
  error: AccessError;
  reason: string;
}

/** Functions anyone may call, each with the reason that is safe. */
export const PERMISSIONLESS: Record<BallastContractName, Record<string, string>> = {
  CollateralVault: {
    lock: "moves the caller's own tokens in; the caller pays the messaging fee",
    syncRate: "anyone may pay to carry a share's current rate to a ledger, so falling rates always arrive",
    claim: "pays only the caller's own claimable balance",
  },
  MarginLedger: {
    requestRelease: "debits only the caller's collateral, and only while it stays above initial margin",
    activateParked: "moves only the caller's own parked balance to valued, within the cap",
    depositCash: "the caller pays quote tokens into any account's cash (repays debt)",
    withdrawCash: "withdraws only the caller's own cash, and only while it stays above initial margin",
    liquidate: "any liquidator may repay an account below maintenance and take its collateral at the bonus",
    settleBadDebt: "only acts on an account with debt and no collateral or positions left",
    depositInsurance: "the caller pays quote tokens into the insurance fund",
  },
  RiskEngine: {},
  PerpMarket: {
    openPosition: "opens the caller's own position, margin-checked on a fresh price",
    reducePosition: "reduces only the caller's own position",
    closePosition: "closes only the caller's own position",
    liquidatePosition: "any keeper may close a position of an account below maintenance (for a reward)",
    depositLiquidity: "the caller pays quote tokens into the LP pool for shares",
    withdrawLiquidity: "burns only the caller's own LP shares",
  },
};

const owner = (reason: string): Restriction => ({
  gate: "owner",
  error: "OwnableUnauthorizedAccount",
  reason,
});
const ownable = {
  transferOwnership: owner("starts a two-step ownership transfer"),
  renounceOwnership: owner("would leave the contract without an owner"),
  acceptOwnership: {
    gate: "pendingOwner",
    error: "OwnableUnauthorizedAccount",
    reason: "completes a transfer; only the pending owner (nobody while none is pending)",
  },
} satisfies Record<string, Restriction>;
const oapp = {
  setPeer: owner("a peer is trusted to send messages and receive them"),
  setDelegate: owner("the delegate configures LayerZero libraries and may skip or clear nonces"),
  setEnforcedOptions: owner("sets the executor gas every message of a type carries"),
  lzReceive: {
    gate: "endpoint",
    error: "OnlyEndpoint",
    reason:
      "only EndpointV2 delivers; anyone reaches it through EndpointV2.lzReceive once a packet is verified",
  },
} satisfies Record<string, Restriction>;

/** Functions only some callers may call. */
export const RESTRICTED: Record<BallastContractName, Record<string, Restriction>> = {
  CollateralVault: {
    ...ownable,
    ...oapp,
    configureAsset: owner("enables an asset and sets its lock cap"),
    configureRateLimit: owner("sets the release rate limit that bounds a compromised path"),
    setGuardian: owner("chooses who may pause"),
    setLocalLedger: owner("the local ledger may make the vault pay releases"),
    unpauseLocks: owner("resuming is the owner's decision, not the guardian's"),
    unpauseReleases: owner("resuming is the owner's decision, not the guardian's"),
    pauseLocks: {
      gate: "guardian",
      error: "OnlyGuardian",
      reason: "an emergency brake for the guardian (or owner)",
    },
    pauseReleases: {
      gate: "guardian",
      error: "OnlyGuardian",
      reason: "an emergency brake for the guardian (or owner)",
    },
    releaseLocal: {
      gate: "localLedger",
      error: "OnlyLocalLedger",
      reason: "pays out a same-chain release the local ledger has debited",
    },
  },
  MarginLedger: {
    ...ownable,
    ...oapp,
    addMarket: owner("a market can move any account's cash"),
    removeMarket: owner("delists a market"),
    setGuardian: owner("chooses who may pause"),
    setLocalVault: owner("the local vault may credit collateral without a message"),
    setLiquidationGracePeriod: owner("sets how long liquidations wait after an unpause"),
    withdrawInsurance: owner("takes quote tokens out of the insurance fund"),
    unpause: owner("resuming is the owner's decision, not the guardian's"),
    pause: {
      gate: "guardian",
      error: "OnlyGuardian",
      reason: "an emergency brake for the guardian (or owner)",
    },
    settlePnl: {
      gate: "market",
      error: "OnlyMarket",
      reason: "moves realized PnL between a trader and the market",
    },
    chargePenalty: {
      gate: "market",
      error: "OnlyMarket",
      reason: "charges a liquidation penalty to an account",
    },
    marketDeposit: { gate: "market", error: "OnlyMarket", reason: "credits the market's LP pool cash" },
    marketWithdraw: { gate: "market", error: "OnlyMarket", reason: "pays out of the market's LP pool cash" },
    creditLocal: {
      gate: "localVault",
      error: "OnlyLocalVault",
      reason: "credits collateral the local vault has just locked",
    },
    syncRateLocal: {
      gate: "localVault",
      error: "OnlyLocalVault",
      reason: "applies the local vault's share rate",
    },
  },
  RiskEngine: {
    ...ownable,
    setLedger: owner("binds the engine to its ledger, once"),
    configureCollateral: owner("lists collateral and sets its risk parameters"),
    applyRate: {
      gate: "ledger",
      error: "OnlyLedger",
      reason: "applies a share rate the ledger received from a vault",
    },
  },
  PerpMarket: {
    ...ownable,
    configure: owner("sets the market's margin rates, penalty and feed"),
  },
};
