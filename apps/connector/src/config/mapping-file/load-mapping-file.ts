import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.error.js';
import type { LoadedMapping } from './loaded-mapping.type.js';
import { resolveMappingRules } from './resolve-mapping-rules.js';

export const DEFAULT_MAPPING_FILE = 'mapping.json';

export interface MappingFileSettings {
  /** MAPPING_FILE as set (relative to cwd), or undefined for `./mapping.json` when present. */
  readonly mappingFile: string | undefined;
  readonly cwd: string;
  /** ESTIMATE_STAGE_ID when set: the estimate stage unless the file sets deals.stages.estimate. */
  readonly estimateStageEnv: string | undefined;
}

/**
 * Reads and validates the mapping file. Throws ConfigError (exit 78) naming every bad key with its JSON path;
 * a MAPPING_FILE that does not exist is an error, a missing default `./mapping.json` means the built-in defaults.
 */
export function loadMappingFile(settings: MappingFileSettings): LoadedMapping {
  const explicit = settings.mappingFile !== undefined;
  const file = path.resolve(settings.cwd, settings.mappingFile ?? DEFAULT_MAPPING_FILE);
  const used = explicit || existsSync(file) ? file : null;
  let text: string | null = null;
  if (used !== null) {
    try {
      text = readFileSync(used, 'utf8');
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
      throw new ConfigError([`MAPPING_FILE ${used} cannot be read (${code === 'ENOENT' ? 'no such file' : code})`]);
    }
  }
  const resolved = resolveMappingRules(text, settings.estimateStageEnv);
  if (!resolved.ok) {
    const where = used === null ? 'mapping (built-in defaults with ESTIMATE_STAGE_ID)' : `mapping file ${used}`;
    throw new ConfigError(resolved.problems.map((problem) => `${where}: ${problem}`));
  }
  return { rules: resolved.rules, file: used };
}
