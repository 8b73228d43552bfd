import { LOG_FORMATS, type LogFormat } from '../config/env-vars.js';

/**
 * Text for a person at a terminal, JSON (one object per line) for a log file or a collector. LOG_FORMAT
 * overrides; an unknown value falls back to the automatic choice here and is refused by loadConfig. Pure.
 */
export function resolveLogFormat(value: string | undefined, stdoutIsTerminal: boolean): LogFormat {
  const chosen = LOG_FORMATS.find((f) => f === value?.trim().toLowerCase());
  return chosen ?? (stdoutIsTerminal ? 'text' : 'json');
}
