import Fastify from 'fastify';
import { keepOldGenerationNearLive } from '../../apps/connector/dist/common/heap-mode.js';

keepOldGenerationNearLive();

// The floor under the service's CPU per Web Connector call (soap-floor.bench.ts): a bare Fastify route on this machine
// answering every POST with a fixed serverVersion SOAP answer, in its own process as the service runs in its own.
// IPC: sends {kind:'ready', url}; answers 'usage' with {kind:'usage', cpuMicros}.
const ANSWER =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersionResponse xmlns="http://developer.intuit.com/"><serverVersionResult>1.0.0</serverVersionResult></serverVersionResponse></soap:Body></soap:Envelope>';

const app = Fastify({ logger: false });
app.addContentTypeParser('text/xml', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/qbwc', (_req, reply) => {
  void reply.header('content-type', 'text/xml; charset=utf-8').send(ANSWER);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
process.on('message', (message: unknown) => {
  if (message !== 'usage') return;
  const cpu = process.cpuUsage();
  process.send?.({ kind: 'usage', cpuMicros: cpu.user + cpu.system });
});
process.on('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
process.send?.({ kind: 'ready', url: `http://127.0.0.1:${port}` });
