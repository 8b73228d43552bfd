/** A validated .qwc file (qbwc.md §8). Element names keep the QWC spelling, in camelCase. */
export interface QwcFile {
  readonly appName: string;
  readonly appId: string;
  readonly appUrl: string;
  readonly appDescription: string;
  readonly appSupport: string;
  readonly userName: string;
  /** Braced GUID, e.g. {87EDAAF8-637E-4203-867F-4BA79C2F8998}. */
  readonly ownerId: string;
  readonly fileId: string;
  readonly qbType: 'QBFS' | 'QBPOS';
  readonly appDisplayName?: string;
  readonly appUniqueName?: string;
  readonly authFlags?: string;
  readonly certUrl?: string;
  readonly isReadOnly?: boolean;
  readonly notify?: boolean;
  readonly personalDataPref?: string;
  readonly unattendedModePref?: string;
  readonly style?: 'Document' | 'DocWrapped' | 'RPC';
  /** Seconds between automatic runs; the first of RunEveryNMinutes/RunEveryNSeconds wins (PG ch.4). */
  readonly runEverySeconds?: number;
}
