import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../zip.js';

describe('zip writer', () => {
  it('round-trips names (UTF-8 included) and contents, each checked by its CRC-32', () => {
    const entries = [
      { name: 'qb-bitrix24-connector/package.json', data: Buffer.from('{"name":"x"}\n') },
      { name: 'qb-bitrix24-connector/Café/empty.txt', data: Buffer.alloc(0) },
      { name: 'qb-bitrix24-connector/big.js', data: Buffer.from('console.log(1);\n'.repeat(5000)) },
    ];
    const zip = writeZip(entries, new Date('2026-12-06T19:33:10Z'));
    expect(zip.length).toBeLessThan(entries[2]?.data.length ?? 0);
    expect(readZip(zip)).toEqual(entries);
  });

  it('detects a damaged entry', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello hello hello') }], new Date('2026-01-01T00:00:00Z'));
    // Flip the stored CRC-32 in the central directory.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE((zip.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    expect(() => readZip(zip)).toThrow(/CRC/);
  });

  it('refuses entry names that would extract outside the folder', () => {
    for (const name of ['../evil.js', '/etc/passwd', 'a\\b.js']) expect(() => writeZip([{ name, data: Buffer.alloc(1) }], new Date())).toThrow(/bad zip entry/);
  });
});
