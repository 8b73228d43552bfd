import path from 'node:path';
import { DEFAULT_MAPPING_RULES } from '@qb-b24/sync-core';
import type { LoadedMapping } from '../config/mapping-file/loaded-mapping.type.js';
import { isPlainObject } from '../config/mapping-file/mapping-problems.js';
import { BUILT_IN_DEFAULTS } from '../config/mapping-file/mapping-view.js';

export interface MappingPanel {
  /** the mapping file's name (the public page never shows the folder), or "built-in defaults" */
  readonly source: string;
  readonly rows: readonly { readonly key: string; readonly value: string; readonly default: string; readonly differs: boolean }[];
  /** Bitrix24 records per entity the toQuickBooks filter kept out of QuickBooks */
  readonly skipped: Readonly<Record<string, number>>;
}

/** Every key of the rules in force beside its default, lists as one row each. Pure. */
export function mappingPanel(loaded: LoadedMapping, skipped: Readonly<Record<string, number>> = {}): MappingPanel {
  const rows: { key: string; value: string; default: string; differs: boolean }[] = [];
  const walk = (value: unknown, base: unknown, at: string): void => {
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) walk(value[key], isPlainObject(base) ? base[key] : undefined, at === '' ? key : `${at}.${key}`);
      return;
    }
    const shown = JSON.stringify(value) ?? 'null';
    const def = JSON.stringify(base) ?? 'null';
    rows.push({ key: at, value: shown, default: def, differs: shown !== def });
  };
  walk(loaded.rules, DEFAULT_MAPPING_RULES, '');
  return { source: loaded.file === null ? BUILT_IN_DEFAULTS : path.basename(loaded.file), rows, skipped };
}
