import { VirtualClock } from '@qb-b24/bitrix24-client';
import { B24SyncWorkerService } from '../../apps/connector/dist/sync/b24-sync-worker.service.js';
import { startBenchApp } from './support-bench-app.js';

// The connector as its own process for import-rss.bench.ts (`node import-rss.child.js <webhookUrl> <dbFile>`), so the
// RSS the parent reads from /proc belongs to the service alone, not to the QuickBooks and Bitrix24 emulators.
// IPC: sends {kind:'ready', url}; answers 'drain' with {kind:'drained', ...process.memoryUsage()} once the Bitrix24 worker is idle.
const [webhookUrl = '', dbFile = ''] = process.argv.slice(2);
const { app, url } = await startBenchApp(webhookUrl, new VirtualClock(), dbFile);
const worker = app.get(B24SyncWorkerService);
process.on('message', (message: unknown) => {
  if (message !== 'drain') return;
  worker.drain({ retryNow: true }).then(
    () => process.send?.({ kind: 'drained', ...process.memoryUsage() }),
    (err: unknown) => process.send?.({ kind: 'drained', error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
process.send?.({ kind: 'ready', url });
