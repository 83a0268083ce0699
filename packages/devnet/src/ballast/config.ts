/** Message type bytes of Ballast's payloads (`MsgCodecLib`), also the enforced-options keys. */
export const MESSAGE_TYPE = { LOCK: 1, RELEASE: 2, RATE: 3 } as const;

// Enforced executor gas: the contracts gas bench's worst-path lzReceive + 30%, rounded up to 1k
// (`pnpm --filter @ballast/contracts bench`). Re-measure RELEASE with each chain's real token.
/** Executor gas for a LOCK's `lzReceive` on the ledger (worst path 137,662). */
export const LOCK_GAS = 179_000n;
/** Executor gas for a RELEASE's `lzReceive` on the vault (worst path 105,052). */
export const RELEASE_GAS = 137_000n;
/** Executor gas for a RATE's `lzReceive` on the ledger (worst path 58,176). */
export const RATE_GAS = 76_000n;

const WAD = 10n ** 18n;
const MAX_UINT128 = 2n ** 128n - 1n;

/** The collaterals every chain offers: the quote stablecoin, wrapped ether, an ERC-4626 share over it. */
export type AssetRole = "usdc" | "weth" | "share";
export const ASSET_ROLES: readonly AssetRole[] = ["usdc", "weth", "share"];

/** Risk parameters a ledger's RiskEngine holds for one collateral (IRiskEngine.CollateralConfig). */
export interface CollateralRiskConfig {
  /** Maximum age of the feed's answer, seconds. */
  maxStaleness: number;
  /** Usable answer range, in the feed's decimals (inclusive). */
  minAnswer: bigint;
  maxAnswer: bigint;
  /** Initial margin haircut (WAD). */
  collateralFactor: bigint;
  /** Maintenance haircut (WAD). */
  liquidationFactor: bigint;
  /** Liquidator's bonus (WAD). */
  liquidationBonus: bigint;
  /** Maximum daily growth of a share's rate (WAD); 0 for a plain token. */
  maxRateGrowthPerDay: bigint;
  /** Maximum valued balance on the ledger, raw units. */
  cap: bigint;
}

/** A vault's settings for one asset: lock cap and release token bucket (raw units). */
export interface VaultAssetConfig {
  lockCap: bigint;
  rateLimit: { capacity: bigint; refillPerSecond: bigint };
}

/** The ETH perpetual's parameters (IPerpMarket.MarketConfig without the feed, which is the chain's ETH/USD). */
export interface PerpMarketParameters {
  maxStaleness: number;
  minAnswer: bigint;
  maxAnswer: bigint;
  initialMarginRate: bigint;
  maintenanceMarginRate: bigint;
  liquidationPenaltyRate: bigint;
  keeperRewardShare: bigint;
  maxOpenInterest: bigint;
}

/** Everything {@link deployBallast} configures, with {@link DEFAULT_BALLAST_CONFIG} as defaults. */
export interface BallastConfig {
  /** Risk parameters per collateral role, set on every ledger for every source chain. */
  collateral: Record<AssetRole, CollateralRiskConfig>;
  /** Vault settings per asset role. */
  vault: Record<AssetRole, VaultAssetConfig>;
  ethPerp: PerpMarketParameters;
  /** Seconds liquidations wait after a ledger unpause. */
  liquidationGracePeriod: bigint;
  /** Enforced executor gas per message type. */
  executorGas: { lock: bigint; release: bigint; rate: bigint };
  /** Mock tokens and feeds, deployed only where no address is given. */
  mocks: {
    /** Initial answers (8 decimals). */
    ethUsdPrice: bigint;
    usdcUsdPrice: bigint;
    /** WETH the deployer deposits into a mock share so its rate starts at exactly 1. */
    shareSeed: bigint;
  };
}

/** Feed decimals of the mock feeds. */
export const MOCK_FEED_DECIMALS = 8;

/** The devnet's parameters, the same as the Solidity test base (BallastTestBase.sol). */
export const DEFAULT_BALLAST_CONFIG: BallastConfig = {
  collateral: {
    usdc: {
      maxStaleness: 86_400,
      minAnswer: 90_000_000n,
      maxAnswer: 110_000_000n,
      collateralFactor: (95n * WAD) / 100n,
      liquidationFactor: (97n * WAD) / 100n,
      liquidationBonus: (2n * WAD) / 100n,
      maxRateGrowthPerDay: 0n,
      cap: MAX_UINT128,
    },
    weth: {
      maxStaleness: 3_600,
      minAnswer: 1_000_000n,
      maxAnswer: 10n ** 14n,
      collateralFactor: (80n * WAD) / 100n,
      liquidationFactor: (85n * WAD) / 100n,
      liquidationBonus: (5n * WAD) / 100n,
      maxRateGrowthPerDay: 0n,
      cap: MAX_UINT128,
    },
    share: {
      maxStaleness: 3_600,
      minAnswer: 1_000_000n,
      maxAnswer: 10n ** 14n,
      collateralFactor: (75n * WAD) / 100n,
      liquidationFactor: (80n * WAD) / 100n,
      liquidationBonus: (5n * WAD) / 100n,
      maxRateGrowthPerDay: WAD / 100n,
      cap: MAX_UINT128,
    },
  },
  vault: {
    usdc: {
      lockCap: MAX_UINT128,
      rateLimit: { capacity: 10_000_000n * 10n ** 6n, refillPerSecond: 1_000n * 10n ** 6n },
    },
    weth: { lockCap: MAX_UINT128, rateLimit: { capacity: 10_000n * WAD, refillPerSecond: WAD } },
    share: { lockCap: MAX_UINT128, rateLimit: { capacity: 10_000n * WAD, refillPerSecond: WAD } },
  },
  ethPerp: {
    maxStaleness: 3_600,
    minAnswer: 1_000_000n,
    maxAnswer: 10n ** 14n,
    initialMarginRate: WAD / 10n,
    maintenanceMarginRate: WAD / 20n,
    liquidationPenaltyRate: WAD / 50n,
    keeperRewardShare: WAD / 2n,
    maxOpenInterest: 1_000_000n * WAD,
  },
  liquidationGracePeriod: 3_600n,
  executorGas: { lock: LOCK_GAS, release: RELEASE_GAS, rate: RATE_GAS },
  mocks: { ethUsdPrice: 3_000n * 10n ** 8n, usdcUsdPrice: 10n ** 8n, shareSeed: WAD },
};
