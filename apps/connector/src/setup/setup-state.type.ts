import type { SettingSource } from '../bitrix/bitrix24-connection.js';
import type { SetupCheck } from './setup-checklist.js';

/** What the setup page shows (GET /setup/state): only to this machine or with the admin token, as it holds the password. */
export interface SetupState {
  readonly qwc: { readonly appUrl: string; readonly runEveryMinutes: number };
  readonly qbwc: { readonly username: string; readonly password: string };
  readonly bitrix24: {
    /** The webhook in use with its code masked, or null. */
    readonly webhookUrl: string | null;
    readonly webhookUrlSource: SettingSource;
    readonly applicationTokenSource: SettingSource;
  };
  readonly outbound: { readonly handlerUrl: string; readonly events: readonly string[] };
  readonly checklist: readonly SetupCheck[];
  readonly complete: boolean;
}
