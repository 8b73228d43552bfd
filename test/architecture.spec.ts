import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('architecture', () => {
  it('libraries import no Nest, no TypeORM and nothing from apps/', () => {
    const offenders = tsFiles(path.join(root, 'libs')).filter((f) => {
      const src = readFileSync(f, 'utf8');
      return /from '(@nestjs\/|typeorm)|from '[./]*apps\//.test(src);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('the emulators share no code with the product (they would only prove it agrees with itself)', () => {
    const offenders = tsFiles(path.join(root, 'test', 'emulators')).filter((f) => {
      const src = readFileSync(f, 'utf8');
      return /from '(@qb-b24\/(qbxml|sync-core|bitrix24-client|qbwc-soap)|[./]*(apps|libs)\/)/.test(src);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('no source assumes a POSIX temp folder or home directory', () => {
    const offenders = [...tsFiles(path.join(root, 'apps')), ...tsFiles(path.join(root, 'libs'))].filter((f) =>
      /['"`]\/tmp\/|process\.env\[?['"]?HOME/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
