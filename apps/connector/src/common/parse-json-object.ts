/** A stored JSON object (a run's counts, an outbox payload), or null when the text is not one. Pure; never throws for bad JSON. */
export function parseJsonObject(json: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : null;
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}
