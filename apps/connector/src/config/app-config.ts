import type { LogLevelName } from './env-vars.js';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string }
  | { readonly type: 'postgres'; readonly url: string };

/** The validated, typed configuration every service injects (never process.env). */
export class AppConfig {
  constructor(
    readonly http: { readonly port: number; readonly host: string; readonly publicUrl: string },
    readonly dataDir: string,
    readonly database: DatabaseConfig,
    readonly qbwc: {
      readonly username: string;
      readonly password: string;
      readonly companyFile: string;
      readonly sessionTimeoutMs: number;
      readonly maxBodyBytes: number;
      readonly timeZone: string;
    },
    readonly bitrix24: {
      readonly webhookUrl: string | undefined;
      readonly applicationToken: string | undefined;
      readonly plan: 'standard' | 'enterprise';
    },
    readonly adminToken: string,
    readonly logLevel: LogLevelName,
    readonly version: string,
  ) {}
}
