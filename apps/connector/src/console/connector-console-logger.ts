import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { LogFormat } from '../config/env-vars.js';

/**
 * Nest's own start-up chatter: one line per module, controller and route (about 50 lines). It says nothing an
 * operator can act on, so it is logged at debug; errors from these contexts keep their level.
 */
export const NEST_STARTUP_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * The service's console logger: ISO 8601 times in both formats (Nest prints epoch milliseconds in JSON and a
 * locale date in text), Nest's start-up lines at debug, and in text mode our `{ event, ...fields }` objects as
 * one readable line instead of an inspected object.
 */
export class ConnectorConsoleLogger extends ConsoleLogger {
  constructor(context: string, format: LogFormat) {
    super(context, { json: format === 'json', colors: false });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context)) {
      this.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }

  protected override getTimestamp(): string {
    return new Date().toISOString();
  }

  protected override stringifyJsonLogObject(logObject: Record<string, unknown>): string {
    const at = logObject['timestamp'];
    return super.stringifyJsonLogObject(typeof at === 'number' ? { ...logObject, timestamp: new Date(at).toISOString() } : logObject);
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return isEventRecord(message) ? formatEventRecord(message) : super.stringifyMessage(message, logLevel);
  }
}

function isEventRecord(message: unknown): message is { readonly event: string } & Readonly<Record<string, unknown>> {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && 'event' in message && typeof message.event === 'string';
}

/** `qwc.written file=/srv/qwc/connector.qwc action="add it in QuickBooks Web Connector"`. Pure. */
export function formatEventRecord(record: { readonly event: string } & Readonly<Record<string, unknown>>): string {
  const fields = Object.entries(record)
    .filter(([key, value]) => key !== 'event' && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
  return [record.event, ...fields].join(' ');
}
