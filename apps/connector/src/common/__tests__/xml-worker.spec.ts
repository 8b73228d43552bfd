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
  for (let i = 0; i < Number(job.input); i += 1) tree.push({ i, name: 'record ' + i });
  parentPort.postMessage({ id: job.id, thread: threadId, records: tree.length });
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

  it('small pages keep their thread (no restart cost when memory stays small)', async () => {
    worker = new XmlWorker(script, 60_000, RECYCLE_ABOVE_HEAP_BYTES);
    const answers: Answer[] = [];
    for (const input of ['10', '10', '10']) answers.push((await worker.run(input)) as Answer);
    expect(new Set(answers.map((a) => a.thread)).size).toBe(1);
  });
});
