import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../config/app-config.js';
import { privatePaths, tightenModes } from '../private-files.js';

const posix = process.platform !== 'win32';
const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-private-'));
  made.push(d);
  return d;
}

/** Only the fields privatePaths reads. */
const config = (dataDir: string, dbPath: string): AppConfig =>
  ({ dataDir, database: { type: 'sqlite', path: dbPath, busyTimeoutMs: 1 } }) as unknown as AppConfig;
const mode = (p: string): number => statSync(p).mode & 0o777;

describe.runIf(posix)('tightening an installation’s files at start', () => {
  it('tightens the data folder and the database files, but not a shared folder the database merely lives in', () => {
    const root = scratch();
    const data = path.join(root, 'data');
    const shared = path.join(root, 'shared');
    mkdirSync(data, { mode: 0o755 });
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(data, 0o755);
    chmodSync(shared, 0o755);
    const db = path.join(shared, 'connector.sqlite');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    tightenModes(privatePaths([config(data, db)], path.join(root, 'qwc')));
    expect(mode(data)).toBe(0o700);
    expect(mode(db)).toBe(0o600);
    expect(mode(shared)).toBe(0o755);
  });

  it('leaves a folder named as the database file alone (a mistyped DATABASE_URL such as sqlite:/tmp)', () => {
    const root = scratch();
    const data = path.join(root, 'data');
    const notAFile = path.join(root, 'tmp-like');
    mkdirSync(data);
    mkdirSync(notAFile, { mode: 0o777 });
    chmodSync(notAFile, 0o777);
    chmodSync(root, 0o755);
    tightenModes(privatePaths([config(data, notAFile)], path.join(root, 'qwc')));
    expect(mode(notAFile)).toBe(0o777);
    // …nor the folder that holds it (for sqlite:/tmp, that is the file system root).
    expect(mode(root)).toBe(0o755);
  });
});
