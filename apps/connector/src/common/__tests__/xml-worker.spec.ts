import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RECYCLE_ABOVE_HEAP_BYTES, XmlWorker } from '../xml-worker.js';

// A stand-in for the XML parse threads: it builds `input` objects (a big page's parse tree) and answers with the
// thread it ran on, so a test sees whether the next job got a fresh thread.
const dir = mkdtempSync(path.join(os.tmpdir(), 'xml-worker-spec-'));
const script = path.join(dir, 'alloc-worker.mjs');
writeFileSync(
  script,
  `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (job) => {
  const tree = [];
  for (let i = 0; i < Number.parseInt(job.input, 10); i += 1) tree.push({ i, name: 'record ' + i });
  parentPort.postMessage({ id: job.id, thread: threadId, records: tree.length });
  // "<n> busy": the thread stays busy a while after answering, so its heap figure comes late.
  if (job.input.endsWith(' busy')) { const until = Date.now() + 300; while (Date.now() < until); }
});
`,
);

interface Answer {
  readonly thread: number;
  readonly records: number;
}

describe('XmlWorker: the parse thread does not keep the memory of big pages', () => {
  let worker: XmlWorker;
  afterEach(async () => {
    await worker.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a thread whose heap grew past the limit with a big page is replaced before a later page, and every page gets its answer', async () => {
    worker = new XmlWorker(script, 60_000, 16 * 1024 * 1024);
    const answers: Answer[] = [];
    for (const input of ['1000000', '10', '10']) answers.push((await worker.run(input)) as Answer);
    expect(answers.map((a) => a.records)).toEqual([1_000_000, 10, 10]);
    expect(answers[2]?.thread).not.toBe(answers[0]?.thread);
  });

  it('the next page waits for the heap figure: a thread slow to give it is still replaced before the next page', async () => {
    worker = new XmlWorker(script, 60_000, 16 * 1024 * 1024);
    const big = worker.run('1000000 busy') as Promise<Answer>;
    // Queued while the big page runs: it must not be handed to the old thread before its heap was read.
    const next = worker.run('10') as Promise<Answer>;
    const [first, second] = await Promise.all([big, next]);
    expect(first.records).toBe(1_000_000);
    expect(second.thread).not.toBe(first.thread);
  });

  it('small pages keep their thread (no restart cost when memory stays small)', async () => {
    worker = new XmlWorker(script, 60_000, RECYCLE_ABOVE_HEAP_BYTES);
    const answers: Answer[] = [];
    for (const input of ['10', '10', '10']) answers.push((await worker.run(input)) as Answer);
    expect(new Set(answers.map((a) => a.thread)).size).toBe(1);
  });
});
