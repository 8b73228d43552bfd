import type { StoredErrorCode } from '@qb-b24/sync-core';
import type { HealthState } from '../health/status.service.js';
import type { ActivityHour } from './activity.js';
import type { MappingPanel } from './mapping-panel.js';

/** Everything the dashboard page shows: states, counts and ids, never field values of customer records. */
export interface DashboardModel {
  readonly version: string;
  /** '' or `/companies/<id>`: every link and API call of the page starts with it. */
  readonly basePath: string;
  readonly generatedAt: string;
  /** Until the setup checklist is all done, the page leads to /setup. */
  readonly setupComplete: boolean;
  /** 24 hourly buckets, oldest first. */
  readonly activity: readonly ActivityHour[];
  readonly status: HealthState;
  /** Which process runs this company's background work, and which one served this page. */
  readonly owner: string;
  readonly servedBy: string;
  readonly checks: readonly { readonly name: string; readonly status: HealthState; readonly detail: string }[];
  readonly lastSession: {
    readonly at: string;
    readonly state: string;
    readonly rounds: number;
    readonly progress: number;
    readonly failed: boolean;
  } | null;
  readonly activeSessions: number;
  readonly syncsLast24h: number;
  readonly mappings: readonly { readonly qbEntity: string; readonly b24Entity: string; readonly count: number }[];
  readonly watermarks: readonly { readonly key: string; readonly modifiedSince: string | null; readonly recordsSeen: number }[];
  readonly queue: Readonly<Record<string, number>>;
  readonly errors: readonly {
    readonly at: string;
    readonly source: string;
    readonly entity: string | null;
    readonly recordId: string | null;
    readonly code: StoredErrorCode;
    readonly what: string;
    readonly action: string;
  }[];
  /** The mapping rules in force, keys that differ from the default marked. */
  readonly mapping: MappingPanel;
}
