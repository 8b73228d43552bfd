/** `Bitrix24Client | null`: null when BITRIX24_WEBHOOK_URL is not set (the Bitrix24 side is "not configured"). */
export const BITRIX24_CLIENT = Symbol('BITRIX24_CLIENT');
