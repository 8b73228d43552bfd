/** A Bitrix24 error answer: HTTP status + `{error, error_description}` (bitrix24.md §1.4). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(code === '' ? description : `${code}: ${description}`);
    this.name = 'ApiError';
  }
}

/** Legacy CRM methods answer HTTP 400 with an empty `error` code (§1.4, §10 item 15). */
export const legacyError = (description: string): ApiError => new ApiError(400, '', description);
