/** Start-up refused: names every bad variable, never its value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration refused:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
