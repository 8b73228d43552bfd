/**
 * Runs a Bitrix24 portal emulator until interrupted, for demos and manual poking:
 *   node test/emulators/bitrix24/dist/cli/serve.js [--port 8124] [--code abc] [--events-url URL --token T]
 */
import { parseArgs } from 'node:util';
import { startBitrix24Portal } from '../portal.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    code: { type: 'string' },
    'events-url': { type: 'string' },
    token: { type: 'string', default: 'emulator-application-token' },
    'rate-limit': { type: 'boolean', default: false },
  },
});

const eventsUrl = values['events-url'];
const portal = await startBitrix24Portal({
  port: Number(values.port),
  ...(values.code === undefined ? {} : { code: values.code }),
  ...(eventsUrl === undefined ? {} : { events: { handlerUrl: eventsUrl, applicationToken: values.token } }),
  ...(values['rate-limit'] ? { rateLimit: { enabled: true, capacity: 50, drainPerSecond: 2 } } : {}),
});
process.stdout.write(`Bitrix24 portal emulator listening; webhook URL: ${portal.webhookUrl}\n`);
const stop = (): void => {
  portal.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
