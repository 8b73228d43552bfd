import type { LoggerService } from '@nestjs/common';
import cluster, { type Worker } from 'node:cluster';

/**
 * WORKERS=N: this process starts N copies of the service with node:cluster; they share the listening port (the
 * primary hands out connections) and the environment, and coordinate through PostgreSQL only. The primary serves
 * nothing itself. A copy that dies after it was listening is started again; one that dies while starting stops the
 * service (a database that refuses us or a bad company file will not improve by retrying), with its exit code.
 */
export function runPrimary(workers: number, logger: LoggerService): void {
  const listening = new WeakSet<Worker>();
  let closing = false;
  const fork = (): void => {
    const w = cluster.fork();
    w.on('listening', () => listening.add(w));
  };
  for (let i = 0; i < workers; i += 1) fork();
  logger.log({ event: 'cluster.started', workers, pid: process.pid });

  cluster.on('exit', (worker, code, signal) => {
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!listening.has(worker)) {
      logger.error({ event: 'cluster.worker_failed_to_start', pid: worker.process.pid, code, signal, action: 'see the error above; the service stops' });
      closing = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exitCode = typeof code === 'number' && code !== 0 ? code : 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    // Its companies' background work moves to the other processes within OWNERSHIP_RETRY_SECONDS meanwhile.
    logger.warn({ event: 'cluster.worker_exited', pid: worker.process.pid, code, signal, action: 'started again' });
    fork();
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      logger.log({ event: 'cluster.closing', signal });
      const alive = Object.values(cluster.workers ?? {});
      if (alive.length === 0) process.exit(0);
      for (const w of alive) w?.process.kill(signal);
    });
  }
}
