/**
 * `Bitrix24Client | null` as built at start-up: null when neither BITRIX24_WEBHOOK_URL nor a saved webhook URL is
 * set. Services read Bitrix24Connection.client instead, which the setup page can change while the service runs.
 */
export const BITRIX24_CLIENT = Symbol('BITRIX24_CLIENT');
/** `(webhookUrl: string) => Bitrix24Client` with the service's transport, shared rate limiter and logging. */
export const BITRIX24_CLIENT_FACTORY = Symbol('BITRIX24_CLIENT_FACTORY');
