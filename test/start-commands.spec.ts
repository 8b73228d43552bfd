import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePackageJson } from '../tools/release/src/release-manifest.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

// Without --optimize-for-size V8 lets the service's heap grow with the size of an import (README "Memory"); the flag
// cannot go in NODE_OPTIONS, so every way the service is started has to pass it on node's command line.
describe('every way the service starts runs node with --optimize-for-size', () => {
  it('npm start, the release package and Docker', () => {
    const pkg: unknown = JSON.parse(read('package.json'));
    const scripts = typeof pkg === 'object' && pkg !== null && 'scripts' in pkg ? pkg.scripts : {};
    expect(scripts).toMatchObject({ start: expect.stringContaining('node --optimize-for-size apps/connector/dist/main.js') });
    expect(releasePackageJson(pkg)).toMatchObject({ scripts: { start: 'node --optimize-for-size apps/connector/dist/main.js' } });
    expect(read('Dockerfile')).toContain('CMD ["node", "--optimize-for-size", "/app/apps/connector/dist/main.js"]');
  });

  it('the Windows service as installed and as upgraded (an older install gets the flag too)', () => {
    expect(read('deploy/windows/install-service.ps1')).toContain(`& $nssm install $ServiceName $node ('--optimize-for-size \\"' + $main + '\\"')`);
    expect(read('deploy/windows/upgrade-service.ps1')).toContain(`& $nssm set $ServiceName AppParameters ('--optimize-for-size \\"'`);
  });
});
