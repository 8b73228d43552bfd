import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToPrune, listBackups, parseBackupFileName, stampToDate } from '../backup-file-name.js';

const at = new Date('2026-12-06T19:33:10.123Z');

describe('backup file names', () => {
  it('carry the UTC time and the reason, with no character Windows refuses', () => {
    const name = backupFileName('connector', at, 'pre-migration');
    expect(name).toBe('connector-2026-12-06T19-33-10-123Z-pre-migration.sqlite');
    expect(name).not.toMatch(/[<>:"/\\|?*]/);
  });

  it('read back to the time they were taken', () => {
    const parsed = parseBackupFileName('connector', backupFileName('connector', at, 'daily', 2));
    expect(parsed).toMatchObject({ reason: 'daily', sequence: 2 });
    expect(stampToDate(parsed?.stamp ?? '').toISOString()).toBe(at.toISOString());
  });

  it("ignore another company's backups and unfinished copies", () => {
    expect(parseBackupFileName('connector', backupFileName('connector-acme', at, 'daily'))).toBeNull();
    expect(parseBackupFileName('connector', `${backupFileName('connector', at, 'daily')}.partial`)).toBeNull();
  });
});

describe('pruning', () => {
  it('keeps the newest N whatever their reason and deletes the rest', () => {
    const names = [0, 1, 2, 3, 4].map((d) => backupFileName('connector', new Date(at.getTime() + d * 86_400_000), d % 2 ? 'manual' : 'daily'));
    const unrelated = ['notes.txt', backupFileName('connector-acme', at, 'daily')];
    expect(backupsToPrune('connector', [...unrelated, ...names], 3).sort()).toEqual([names[0], names[1]].sort());
  });

  it('orders two backups of the same millisecond by their sequence number', () => {
    const first = backupFileName('connector', at, 'manual');
    const second = backupFileName('connector', at, 'manual', 1);
    expect(listBackups('connector', [first, second]).map((b) => b.name)).toEqual([second, first]);
  });
});
