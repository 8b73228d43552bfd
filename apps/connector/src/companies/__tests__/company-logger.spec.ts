import type { LoggerService } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { runForCompany } from '../company-context.js';
import { CompanyLogger } from '../company-logger.js';

class RecordingLogger implements LoggerService {
  readonly lines: { level: string; message: unknown; rest: unknown[] }[] = [];
  log(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'log', message, rest });
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'error', message, rest });
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.lines.push({ level: 'warn', message, rest });
  }
}

describe('CompanyLogger', () => {
  it("tags lines written while a company's code runs, including after awaits and in its timers", async () => {
    const inner = new RecordingLogger();
    const logger = new CompanyLogger(inner);
    await runForCompany('acme', async () => {
      logger.log({ event: 'qbwc.authenticated' }, 'Qbwc');
      await Promise.resolve();
      logger.warn('plain text', 'Sync');
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          logger.error({ event: 'b24.failed' });
          resolve();
        }, 0),
      );
    });
    expect(inner.lines).toEqual([
      { level: 'log', message: { company: 'acme', event: 'qbwc.authenticated' }, rest: ['Qbwc'] },
      { level: 'warn', message: { company: 'acme', message: 'plain text' }, rest: ['Sync'] },
      { level: 'error', message: { company: 'acme', event: 'b24.failed' }, rest: [] },
    ]);
  });

  it('leaves lines outside any company as they are, and falls back to log for levels the logger lacks', () => {
    const inner = new RecordingLogger();
    const logger = new CompanyLogger(inner);
    logger.log({ event: 'http.listening' });
    runForCompany('beta', () => logger.debug('detail'));
    expect(inner.lines).toEqual([
      { level: 'log', message: { event: 'http.listening' }, rest: [] },
      { level: 'log', message: { company: 'beta', message: 'detail' }, rest: [] },
    ]);
  });
});
