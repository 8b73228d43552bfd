import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** libs/qbxml */
export const packageRoot = path.resolve(here, '..', '..');
export const repoRoot = path.resolve(packageRoot, '..', '..');
/** CI checks shared/ out beside the repo. */
export const referenceRoot = path.resolve(repoRoot, '..', 'shared', 'reference');
export const xsdPath = path.join(referenceRoot, 'data', 'qbxml', 'xsd13', 'qbxmlops130.xsd');
export const samplesRoot = path.join(referenceRoot, 'data', 'qbxml', 'samples');
export const goldenRoot = path.join(packageRoot, 'golden');
