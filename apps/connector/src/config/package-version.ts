import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The product version from the root package.json (apps/connector/{src,dist} → repository root). */
export function packageVersion(): string {
  try {
    const file = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'package.json');
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch (err) {
    if (!(err instanceof Error)) throw err;
  }
  return '0.0.0';
}
