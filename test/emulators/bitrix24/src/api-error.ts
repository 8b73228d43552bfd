/** A Bitrix24 error answer: HTTP status + `{error, error_description}` (bitrix24.md §1.4). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Usually a string; `crm.item.payment.*` answers numeric codes (`0`, `100`, bitrix24.md §5.15). */
    readonly code: string | number,
    readonly description: string,
  ) {
    super(code === '' ? description : `${String(code)}: ${description}`);
    this.name = 'ApiError';
  }
}

/** Legacy CRM methods answer HTTP 400 with an empty `error` code (§1.4, §10 item 15). */
export const legacyError = (description: string): ApiError => new ApiError(400, '', description);
