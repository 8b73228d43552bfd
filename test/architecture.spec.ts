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

  it("a module reads another module's tables only through the query or command services that module exports", () => {
    const src = path.join(root, 'apps', 'connector', 'src');
    const offenders: string[] = [];
    for (const file of tsFiles(src)) {
      const [owner = ''] = path.relative(src, file).split(path.sep);
      // database/ lists every entity (entities.ts) and every migration by design.
      if (owner === 'database') continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*\.(?:entity|repository)\.js)'/g)) {
        const target = path.relative(src, path.resolve(path.dirname(file), m[1] ?? ''));
        const [targetOwner = ''] = target.split(path.sep);
        if (targetOwner !== owner) offenders.push(`${path.relative(root, file)} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("no module queries another module's table in raw SQL either", () => {
    const src = path.join(root, 'apps', 'connector', 'src');
    const files = tsFiles(src);
    const owners = new Map<string, string>();
    for (const f of files.filter((x) => x.endsWith('.entity.ts'))) {
      const table = /@Entity\(\{\s*name:\s*'(\w+)'/.exec(readFileSync(f, 'utf8'))?.[1];
      if (table) owners.set(table, path.relative(src, f).split(path.sep)[0] ?? '');
    }
    expect(owners.size).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const [owner = ''] = path.relative(src, file).split(path.sep);
      if (owner === 'database') continue;
      const text = readFileSync(file, 'utf8');
      for (const [table, tableOwner] of owners) {
        if (tableOwner !== owner && new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+"?${table}\\b`, 'i').test(text))
          offenders.push(`${path.relative(root, file)} queries ${table}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('no module exports a repository (its tables are private; it exports query and command services)', () => {
    const src = path.join(root, 'apps', 'connector', 'src');
    const offenders = tsFiles(src)
      .filter((f) => f.endsWith('.module.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/exports:\s*\[([^\]]*)\]/g)].map((m) => [f, m[1] ?? ''] as const))
      .flatMap(([f, list]) => (list.match(/\w+Repository\b/g) ?? []).map((name) => `${path.relative(root, f)} exports ${name}`));
    expect(offenders).toEqual([]);
  });

  it('no source assumes a POSIX temp folder or home directory', () => {
    const offenders = [...tsFiles(path.join(root, 'apps')), ...tsFiles(path.join(root, 'libs'))].filter((f) =>
      /['"`]\/tmp\/|process\.env\[?['"]?HOME/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
  it('Bitrix24 is reached through one HTTP transport (FetchHttpTransport), in production and in every test and bench', () => {
    const implementations: string[] = [];
    for (const dir of ['apps', 'libs', 'test', 'bench']) {
      for (const f of tsFiles(path.join(root, dir))) {
        for (const m of readFileSync(f, 'utf8').matchAll(/class (\w+)[^{]*\bimplements\b[^{]*\bHttpTransport\b/g))
          implementations.push(`${path.relative(root, f)}: ${m[1]}`);
      }
    }
    expect(implementations).toEqual([`${path.join('libs', 'bitrix24-client', 'src', 'fetch-http-transport.ts')}: FetchHttpTransport`]);
  });
  it('no TypeScript file of the product, its libraries, tests, emulators, benchmarks or tools is over 300 lines (STYLE: small files with one job)', () => {
    const files = ['apps', 'libs', 'test', 'bench', 'tools'].flatMap((d) => tsFiles(path.join(root, d)));
    expect(files.length).toBeGreaterThan(500);
    const long = files
      .map((f) => ({ file: path.relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 300)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
