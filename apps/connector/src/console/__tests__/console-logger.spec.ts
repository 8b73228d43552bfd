import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectorConsoleLogger, formatEventRecord } from '../connector-console-logger.js';
import { resolveLogFormat } from '../log-format.js';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/;

/** What the logger wrote to stdout (vi.spyOn: "did we write to the outside world"). */
function captureStdout(): string[] {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('log format', () => {
  it.each([
    [undefined, true, 'text'],
    [undefined, false, 'json'],
    ['json', true, 'json'],
    ['text', false, 'text'],
    [' TEXT ', false, 'text'],
    ['yaml', true, 'text'],
  ] as const)('LOG_FORMAT=%s on a terminal=%s logs %s', (value, tty, expected) => {
    expect(resolveLogFormat(value, tty)).toBe(expected);
  });
});

describe('console logger', () => {
  it("moves Nest's start-up lines (modules, routes) to debug", () => {
    const out = captureStdout();
    const logger = new ConnectorConsoleLogger('Connector', 'json');
    logger.setLogLevels(['fatal', 'error', 'warn', 'log']);
    logger.log('Mapped {/qbwc, POST} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log({ event: 'http.listening', url: 'http://127.0.0.1:8080' });
    expect(out.join('')).not.toContain('Mapped');
    expect(out.join('')).not.toContain('dependencies initialized');
    expect(out.join('')).not.toContain('successfully started');
    expect(out.join('')).toContain('http.listening');
    logger.setLogLevels(['log', 'debug']);
    logger.log('Mapped {/qbwc, POST} route', 'RouterExplorer');
    expect(JSON.parse(out.at(-1) ?? '{}')).toMatchObject({ level: 'debug', message: 'Mapped {/qbwc, POST} route', context: 'RouterExplorer' });
  });

  it('writes ISO 8601 times in JSON lines', () => {
    const out = captureStdout();
    new ConnectorConsoleLogger('Connector', 'json').log({ event: 'qwc.written', file: 'qwc/connector.qwc' });
    const line = JSON.parse(out.join('')) as { timestamp: unknown };
    expect(line.timestamp).toMatch(new RegExp(`^${ISO.source}$`));
  });

  it('writes one readable line with an ISO 8601 time in text mode', () => {
    const out = captureStdout();
    new ConnectorConsoleLogger('Connector', 'text').log({ event: 'qwc.written', file: '/srv/qwc/connector.qwc', action: 'add it in QuickBooks Web Connector' });
    const line = out.join('');
    expect(line).toMatch(ISO);
    expect(line).toContain('[Connector] qwc.written file=/srv/qwc/connector.qwc action="add it in QuickBooks Web Connector"');
    expect(() => JSON.parse(line)).toThrow();
  });

  it('quotes values with spaces and renders nested values as JSON', () => {
    expect(formatEventRecord({ event: 'x', a: 'one two', n: 3, list: ['p', 'q'], skip: undefined })).toBe('x a="one two" n=3 list=["p","q"]');
  });
});
