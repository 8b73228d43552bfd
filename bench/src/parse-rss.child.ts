import { parseQbxmlResponse } from '@qb-b24/qbxml';
import { customerQueryRs } from './qbxml-parse.bench.js';

// Run as its own process by sync.bench.ts (`node parse-rss.child.js <customers>`), so the peak RSS it
// reports belongs to one parse and nothing else. Prints one JSON line.
const count = Number(process.argv[2] ?? '10000');
const xml = customerQueryRs(count);
const baselineRss = process.memoryUsage().rss;
const started = performance.now();
const parsed = parseQbxmlResponse(xml);
const ms = performance.now() - started;
if (!parsed.ok) throw parsed.error;
const rets = parsed.value.responses[0]?.rets.length ?? 0;
// maxRSS is in KiB (process.resourceUsage, all platforms Node supports).
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ count, rets, xmlBytes: Buffer.byteLength(xml), baselineRss, peakRss, ms }));
