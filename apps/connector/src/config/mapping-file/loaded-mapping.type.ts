import type { MappingRules } from '@qb-b24/sync-core';

/** The rules in force and where they came from. */
export interface LoadedMapping {
  readonly rules: MappingRules;
  /** Absolute path of the mapping file; null when no file is used (built-in defaults). */
  readonly file: string | null;
}
