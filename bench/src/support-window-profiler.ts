import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/**
 * With BENCH_CPU_PROFILE_DIR set, the service process (import-rss.child.ts) records a CPU profile over each stall
 * window (from 'stalls-reset' to 'stalls') and writes it there as window-<n>.cpuprofile: what ran in each stop of the
 * event loop is then readable (Chrome DevTools, or any .cpuprofile reader). Off by default: the profiler costs CPU.
 */
export class WindowProfiler {
  private readonly dir = process.env['BENCH_CPU_PROFILE_DIR'];
  private session: Session | null = null;
  private windows = 0;

  async start(): Promise<void> {
    if (!this.dir) return;
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      // 250 µs: a stop of a few milliseconds still shows what ran in it.
      await this.session.post('Profiler.setSamplingInterval', { interval: 250 });
    }
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<void> {
    if (!this.dir || !this.session) return;
    const { profile } = await this.session.post('Profiler.stop');
    this.windows += 1;
    writeFileSync(path.join(this.dir, `window-${this.windows}.cpuprofile`), JSON.stringify(profile));
  }
}
