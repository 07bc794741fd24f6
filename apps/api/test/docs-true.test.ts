import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const architecture = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

const sources = ['apps/api/src', 'apps/api/test', 'apps/web/src', 'packages/domain/src']
  .flatMap(sourceFiles)
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

describe('docs describe the code', () => {
  it('every docs/*.md a source file cites exists in the repository', () => {
    const cited = new Set(
      sources.flatMap(({ text }) => [...text.matchAll(/docs\/[\w./-]+\.md/g)].map((m) => m[0])),
    );
    expect(cited.size).toBeGreaterThan(0);
    for (const doc of cited) expect(existsSync(join(root, doc)), doc).toBe(true);
  });

  it('no source comment cites a document that is not in the repository', () => {
    const outside = sources.filter(({ text }) => /\bBRIEF\s*§/.test(text)).map((s) => s.file);
    expect(outside).toEqual([]);
  });

  it('ARCHITECTURE.md names every API module folder', () => {
    const modules = readdirSync(join(root, 'apps/api/src/modules'));
    expect(modules.length).toBeGreaterThan(10);
    for (const m of modules) expect(architecture, `modules/${m}`).toMatch(new RegExp(`\\b${m}\\b`));
  });

  it('ARCHITECTURE.md names every CLI command', () => {
    const commands = readdirSync(join(root, 'apps/api/src/cli')).map((f) => f.replace(/\.ts$/, ''));
    for (const c of commands) expect(architecture, `cli/${c}`).toContain(c);
  });
});
