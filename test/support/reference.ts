import path from 'node:path';

/** shared/reference sits beside the repository, locally and in CI. */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'reference');
export const referencePath = (...parts: string[]): string => path.join(REFERENCE_DIR, ...parts);
