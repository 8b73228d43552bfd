import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StoredSecret {
  readonly value: string;
  /** Where the secret lives, for a log line that says where, never what. */
  readonly location: string;
  readonly created: boolean;
}

/**
 * A new secret: 24 random bytes as base64url (32 characters), never starting with `-` or `_`. A generated password
 * is typed into Web Connector and passed to command lines such as `npm run qbwc:simulate -- --password <pw>`, where a
 * value starting with `-` reads as an option (Node's parseArgs refuses it as ambiguous): one generated password in 64 did
 * (CI hit it). `_` is avoided too. Redrawing keeps the distribution of the other characters as it was.
 */
export function newSecret(random: (bytes: number) => Buffer = randomBytes): string {
  for (;;) {
    const value = random(24).toString('base64url');
    if (/^[A-Za-z0-9]/.test(value)) return value;
  }
}

/** Port for generated secrets, so loadConfig stays testable without touching a disk. */
export interface SecretStore {
  getOrCreate(name: string): StoredSecret;
}

/**
 * Keeps generated secrets as one file each in the data folder, readable by the owner only. On Windows
 * the mode bits are ignored by Node; the data folder inherits the ACL of its parent, so the README tells
 * operators to keep it under the service account's profile or ProgramData.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  getOrCreate(name: string): StoredSecret {
    const file = path.join(this.dir, `${name}.secret`);
    if (existsSync(file)) {
      const value = readFileSync(file, 'utf8').trim();
      if (value !== '') return { value, location: file, created: false };
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const value = newSecret();
    writeFileSync(file, `${value}\n`, { encoding: 'utf8', mode: 0o600 });
    chmodSync(file, 0o600);
    return { value, location: file, created: true };
  }
}
