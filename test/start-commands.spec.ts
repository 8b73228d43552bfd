import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePackageJson } from '../tools/release/src/release-manifest.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

// Without --max-semi-space-size=8 a burst of Web Connector calls promotes its short-lived objects, and the full GCs that
// free them stop every call 7–16 ms (README "Memory", common/heap-mode.ts); with --optimize-for-size on the command line
// the young generation is 1 MiB whatever this flag says. Node refuses it in NODE_OPTIONS, so every way the service is
// started has to pass it on node's command line.
describe('every way the service starts runs node with --max-semi-space-size=8 and nothing else', () => {
  it('npm start, the release package and Docker', () => {
    const pkg: unknown = JSON.parse(read('package.json'));
    const scripts = typeof pkg === 'object' && pkg !== null && 'scripts' in pkg ? pkg.scripts : {};
    expect(scripts).toMatchObject({ start: expect.stringContaining('node --max-semi-space-size=8 apps/connector/dist/main.js') });
    expect(releasePackageJson(pkg)).toMatchObject({ scripts: { start: 'node --max-semi-space-size=8 apps/connector/dist/main.js' } });
    expect(read('Dockerfile')).toContain('CMD ["node", "--max-semi-space-size=8", "/app/apps/connector/dist/main.js"]');
  });

  it('none of them puts --optimize-for-size on the command line, where it shrinks the young generation to 1 MiB', () => {
    for (const file of ['package.json', 'Dockerfile', 'tools/release/src/release-manifest.ts']) expect(read(file), file).not.toContain('--optimize-for-size');
    // The scripts name the old flag only in comments (what an older install had).
    for (const file of ['deploy/windows/install-service.ps1', 'deploy/windows/upgrade-service.ps1']) {
      const code = read(file)
        .split('\n')
        .filter((line) => !line.trim().startsWith('#'));
      expect(code.join('\n'), file).not.toContain('--optimize-for-size');
    }
  });

  it('the Windows service as installed and as upgraded (an older install gets the flag too)', () => {
    expect(read('deploy/windows/install-service.ps1')).toContain(`& $nssm install $ServiceName $node ('--max-semi-space-size=8 \\"' + $main + '\\"')`);
    expect(read('deploy/windows/upgrade-service.ps1')).toContain(`& $nssm set $ServiceName AppParameters ('--max-semi-space-size=8 \\"'`);
  });
});
