// The hostile-bodies suite's upload client (hostile-upload.ts): a connection reset before the answer fails the upload,
// and the /health probe stops with it (a probe left running asked a closed server in CI, an unhandled rejection).
import { createServer } from 'node:http';
import { expect, it } from 'vitest';
import { uploadWhileProbingHealth } from './hostile-upload.js';

it('fails on a reset before the answer, and leaves no probe running', async () => {
  let healthAfterClose = 0;
  let closed = false;
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      if (closed) healthAfterClose += 1;
      res.end('ok');
      return;
    }
    // Let 2 MB arrive (so the probe starts), then reset without answering.
    let got = 0;
    req.on('data', (c: Buffer) => {
      got += c.length;
      if (got > 2 * 1024 * 1024) req.socket.resetAndDestroy();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const chunk = Buffer.alloc(64 * 1024, 120);
  const upload = uploadWhileProbingHealth(
    `http://127.0.0.1:${port}/x`,
    `http://127.0.0.1:${port}/health`,
    {},
    Array.from({ length: 160 }, () => chunk),
    160 * chunk.length,
  );
  await expect(upload).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) });
  closed = true;
  await new Promise((r) => setTimeout(r, 300));
  expect(healthAfterClose).toBe(0);
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
