/** Exhaustiveness guard for `switch` over a union; reaching it at runtime is a bug. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
