/** Deeper JSON than any admin DTO needs is refused: recursion over it (validation, logging) could blow the stack. */
export const MAX_JSON_DEPTH = 32;

export class JsonBodyError extends Error {
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'JsonBodyError';
  }
}

/**
 * Parses a JSON request body: empty, malformed or too deeply nested bodies, and bodies with `__proto__` or
 * `constructor` keys (prototype pollution attempts), throw JsonBodyError (a 400). Pure.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new JsonBodyError('Body cannot be empty when content-type is application/json');
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__' || key === 'constructor') throw new JsonBodyError(`Forbidden key "${key}" in the JSON body`);
      return v;
    });
  } catch (err) {
    throw err instanceof JsonBodyError ? err : new JsonBodyError('Body is not valid JSON');
  }
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() ?? { v: null, d: 0 };
    if (typeof v !== 'object' || v === null) continue;
    if (d > MAX_JSON_DEPTH) throw new JsonBodyError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    for (const child of Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return value;
}
