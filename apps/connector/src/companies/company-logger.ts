import type { LoggerService } from '@nestjs/common';
import { currentCompany } from './company-context.js';

type Level = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

/**
 * Nest's `Logger` instances share one process-wide logger, so a company cannot get its own; instead every
 * line written while a company's code runs carries `company` (objects get the field, strings are wrapped).
 */
export class CompanyLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  setLogLevels(levels: Parameters<NonNullable<LoggerService['setLogLevels']>>[0]): void {
    this.inner.setLogLevels?.(levels);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const company = currentCompany();
    const tagged = company === undefined ? message : withCompany(message, company);
    const method = this.inner[level];
    if (method) method.call(this.inner, tagged, ...rest);
    else this.inner.log(tagged, ...rest);
  }
}

export function withCompany(message: unknown, company: string): unknown {
  if (typeof message === 'object' && message !== null && !Array.isArray(message) && !(message instanceof Error)) {
    return { company, ...message };
  }
  return { company, message };
}
