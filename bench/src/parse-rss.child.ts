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
// The product refuses a response over QBXML_MARKUP_LIMITS (1,000,000 elements, about 80,000 customers) before parsing:
// say so as the figure instead of failing the whole bench run.
if (!parsed.ok && parsed.error.code === 'TOO_COMPLEX') {
  console.log(
    JSON.stringify({ count, refused: parsed.error.message, xmlBytes: Buffer.byteLength(xml), baselineRss, peakRss: process.resourceUsage().maxRSS * 1024, ms }),
  );
  process.exit(0);
}
if (!parsed.ok) throw parsed.error;
const rets = parsed.value.responses[0]?.rets.length ?? 0;
// maxRSS is in KiB (process.resourceUsage, all platforms Node supports).
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ count, rets, xmlBytes: Buffer.byteLength(xml), baselineRss, peakRss, ms }));
