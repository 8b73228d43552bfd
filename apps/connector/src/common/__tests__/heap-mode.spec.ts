import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_FLAG } from '../heap-mode.js';

const built = pathToFileURL(path.resolve(import.meta.dirname, '../../../dist/common/heap-mode.js')).href;

/**
 * Starts node with `nodeArgs`, runs the service's boot step if asked, allocates like a burst of calls (short-lived
 * objects, up to 50,000 alive at a time) and counts the young-generation collections (scavenges) that took.
 */
function scavengesDuringChurn(nodeArgs: readonly string[], boot: boolean): number {
  const script = `
    import { PerformanceObserver, constants } from 'node:perf_hooks';
    ${boot ? `const { keepOldGenerationNearLive } = await import(${JSON.stringify(built)}); keepOldGenerationNearLive();` : ''}
    let scavenges = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges += 1;
    });
    observer.observe({ entryTypes: ['gc'] });
    let kept = [];
    for (let i = 0; i < 3e6; i += 1) { kept.push({ i, s: 'x' + i }); if (kept.length > 50000) kept = []; }
    setTimeout(() => { observer.disconnect(); console.log(scavenges); }, 50);
  `;
  return Number(execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

/**
 * Starts node as the launchers do, sets `runtimeFlag` the way the boot step does (`boot`: the boot step itself), keeps
 * about 30 MiB alive and churns objects that live long enough to be promoted; answers how many full collections that
 * took and the largest the heap grew.
 */
function oldGenerationDuringChurn(boot: boolean, runtimeFlag = ''): { fullCollections: number; peakHeapMiB: number } {
  const script = `
    import { PerformanceObserver, constants } from 'node:perf_hooks';
    import v8 from 'node:v8';
    ${boot ? `const { keepOldGenerationNearLive } = await import(${JSON.stringify(built)}); keepOldGenerationNearLive();` : ''}
    ${runtimeFlag ? `v8.setFlagsFromString(${JSON.stringify(runtimeFlag)});` : ''}
    let full = 0;
    let peak = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full += 1;
    });
    observer.observe({ entryTypes: ['gc'] });
    const live = Array.from({ length: 300000 }, (_, i) => ({ i, s: 'live' + i }));
    const ring = new Array(200000);
    for (let i = 0; i < 4e6; i += 1) {
      ring[i % ring.length] = { i, s: 'm' + i, a: [i] };
      if (i % 50000 === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
    }
    setTimeout(() => { observer.disconnect(); console.log(JSON.stringify({ fullCollections: full, peakHeapMiB: peak / 2 ** 20, kept: live.length })); }, 50);
  `;
  return JSON.parse(execFileSync(process.execPath, [YOUNG_GENERATION_FLAG, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('heap mode: the short-lived objects of Web Connector calls die young', () => {
  it('the start flag and the boot step collect the young generation far less often than --optimize-for-size on the command line', () => {
    const ours = scavengesDuringChurn([YOUNG_GENERATION_FLAG], true);
    const commandLine = scavengesDuringChurn(['--optimize-for-size', YOUNG_GENERATION_FLAG], false);
    // Measured on Node 24.21: 68–109 against 233–247 (the 1 MiB young generation the command-line flag forces).
    expect(ours).toBeLessThan(0.6 * commandLine);
  });
});

describe('heap mode: the old generation stays near what is live, without collecting it in memory-reducing mode', () => {
  // The boot step's run serves both tests (each run is a node process of about 1.5 s).
  let booted: ReturnType<typeof oldGenerationDuringChurn> | undefined;
  const ourChurn = (): ReturnType<typeof oldGenerationDuringChurn> => {
    booted ??= oldGenerationDuringChurn(true);
    return booted;
  };

  it('the boot step keeps the heap at most 0.7x what node grows it to by default', () => {
    const ours = ourChurn();
    const nodeDefault = oldGenerationDuringChurn(false);
    // Measured on Node 22.12 and 24.21: peaks of 112–125 MiB against 246–262 MiB.
    expect(ours.peakHeapMiB).toBeLessThan(0.7 * nodeDefault.peakHeapMiB);
  });

  it('and collects it at most half as often as --optimize-for-size, whose every full collection compacts hard', () => {
    const ours = ourChurn();
    const sizeMode = oldGenerationDuringChurn(false, '--optimize-for-size');
    // Measured on Node 22.12 and 24.21: 11–13 full collections against 41.
    expect(ours.fullCollections).toBeLessThan(0.5 * sizeMode.fullCollections);
  });
});
