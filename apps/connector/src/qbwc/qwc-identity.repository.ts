import { Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { QWC_IDENTITIES_FILE, QWC_IDENTITY_FILE } from './qwc-identity.constant.js';

export interface QwcIdentity {
  readonly ownerId: string;
  readonly fileId: string;
}

/**
 * The OwnerID/FileID pairs of the .qwc files this installation wrote (the start-up one and every
 * `npm run qwc`). QBWC stores the FileID in the company file under our OwnerID (qbwc.md §4.1, §10), so they
 * tell whether Web Connector opened the company this connector was set up for.
 */
@Injectable()
export class QwcIdentityRepository {
  private readonly logger = new Logger(QwcIdentityRepository.name);

  constructor(private readonly config: AppConfig) {}

  issued(): QwcIdentity[] {
    const out: QwcIdentity[] = [];
    for (const name of [QWC_IDENTITY_FILE, QWC_IDENTITIES_FILE]) {
      const file = path.join(this.config.dataDir, name);
      if (!existsSync(file)) continue;
      try {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        for (const v of Array.isArray(parsed) ? parsed : [parsed]) {
          if (typeof v === 'object' && v !== null && 'ownerId' in v && 'fileId' in v) out.push({ ownerId: String(v.ownerId), fileId: String(v.fileId) });
        }
      } catch (err) {
        this.logger.warn({ event: 'qwc.identity_unreadable', file, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return out;
  }
}
