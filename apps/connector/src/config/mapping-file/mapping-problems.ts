/** Collects "path: what is wrong" lines; every problem of a file is reported at once. */
export class MappingProblems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(path === '' ? message : `${path}: ${message}`);
  }
}

/** A value quoted in a problem: short, so a pasted blob never floods the log. */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
