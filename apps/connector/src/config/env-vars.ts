import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The environment as INTERFACE.md defines it, plus documented extensions. Values arrive as strings;
 * numeric ones are converted before validation in loadConfig.
 */
export class EnvVars {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  /** Checked entry by entry in parseTrustedProxies. */
  @IsOptional() @IsString() TRUSTED_PROXIES?: string;
  @IsOptional() @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' }) PUBLIC_URL?: string;
  @IsOptional() @IsInt() @Min(1) @Max(3600) HTTP_REQUEST_TIMEOUT_SECONDS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3600) HTTP_IDLE_TIMEOUT_SECONDS?: number;
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, { message: 'DATABASE_URL must be sqlite:PATH or postgres://…' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @IsInt() @Min(100) @Max(600_000) DATABASE_BUSY_TIMEOUT_MS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100) DATABASE_POOL_SIZE?: number;
  @IsOptional() @Matches(/^[^\s]{1,100}$/, { message: 'QBWC_USERNAME must be 1-100 characters without spaces' }) QBWC_USERNAME?: string;
  @IsOptional() @IsString() QBWC_PASSWORD?: string;
  @IsOptional() @IsString() QB_COMPANY_FILE?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1440) QBWC_SESSION_TIMEOUT_MINUTES?: number;
  /** Silence after which a new authenticated run takes over an open session (default 2; at most the session timeout). */
  @IsOptional() @IsInt() @Min(1) @Max(1440) QBWC_TAKEOVER_MINUTES?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1024) QBWC_MAX_BODY_MB?: number;
  /** Web Connector's Scheduler interval in the .qwc written at start (1 minute is its UI minimum). */
  @IsOptional() @IsInt() @Min(1) @Max(1440) QWC_RUN_EVERY_MINUTES?: number;
  @IsOptional() @IsString() QB_TIME_ZONE?: string;
  @IsOptional() @Matches(/^[^\s:][^:]{0,158}$/, { message: 'QB_ITEM_INCOME_ACCOUNT must be a QuickBooks account name' }) QB_ITEM_INCOME_ACCOUNT?: string;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\/rest\/\d+\/[^\s/]+\/?$/, { message: 'BITRIX24_WEBHOOK_URL must look like https://portal/rest/<user>/<code>/' })
  BITRIX24_WEBHOOK_URL?: string;
  @IsOptional() @IsString() BITRIX24_APPLICATION_TOKEN?: string;
  @IsOptional() @IsIn(['standard', 'enterprise']) BITRIX24_PLAN?: string;
  @IsOptional() @IsInt() @Min(1) @Max(300) BITRIX24_TIMEOUT_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10) BITRIX24_MAX_RETRIES?: number;
  @IsOptional() @IsString() ADMIN_TOKEN?: string;
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: string;
  /** Read by main before the configuration (the logger exists first); validated here so a typo stops the start. */
  @IsOptional() @IsIn(LOG_FORMATS) LOG_FORMAT?: string;
  @IsOptional() @IsInt() @Min(10) @Max(1000) SYNC_PAGE_SIZE?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1440) SYNC_OVERLAP_MINUTES?: number;
  @IsOptional() @Matches(/^[A-Z0-9_:]{1,50}$/, { message: 'ESTIMATE_STAGE_ID must be a Bitrix24 stage id such as PREPARATION' }) ESTIMATE_STAGE_ID?: string;
  @IsOptional() @IsInt() @Min(0) @Max(86400) B24_POLL_SECONDS?: number;
  @IsOptional() @IsString() BACKUP_DIR?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1000) BACKUP_KEEP?: number;
  /** The mapping file (README "Mapping file"); default ./mapping.json when present. */
  @IsOptional() @IsString() MAPPING_FILE?: string;
  @IsOptional() @IsInt() @Min(1) @Max(64) WORKERS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(300) OWNERSHIP_RETRY_SECONDS?: number;
}

export const NUMERIC_ENV_VARS = [
  'PORT',
  'HTTP_REQUEST_TIMEOUT_SECONDS',
  'HTTP_IDLE_TIMEOUT_SECONDS',
  'DATABASE_BUSY_TIMEOUT_MS',
  'DATABASE_POOL_SIZE',
  'QBWC_SESSION_TIMEOUT_MINUTES',
  'QBWC_TAKEOVER_MINUTES',
  'QBWC_MAX_BODY_MB',
  'QWC_RUN_EVERY_MINUTES',
  'SYNC_PAGE_SIZE',
  'SYNC_OVERLAP_MINUTES',
  'B24_POLL_SECONDS',
  'BITRIX24_TIMEOUT_SECONDS',
  'BITRIX24_MAX_RETRIES',
  'BACKUP_KEEP',
  'WORKERS',
  'OWNERSHIP_RETRY_SECONDS',
] as const;
