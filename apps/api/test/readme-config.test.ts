import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../src/config.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Rows of the README's environment table: variable name → default column. */
function documented() {
  const start = readme.indexOf('| Variable ');
  expect(start, 'README has an environment variable table').toBeGreaterThan(-1);
  const rows = new Map<string, string>();
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [name, def] = line
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim());
    rows.set(name!.replace(/`/g, ''), def!);
  }
  return rows;
}

/** Every key `loadConfig` looks up in the environment, recorded through a proxy. */
function variablesRead() {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_, key) => {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  try {
    loadConfig(env);
  } catch {
    // A variable without a default refuses the empty environment; its name was still read.
  }
  return read;
}

describe('README environment table', () => {
  it('lists every variable config.ts reads, and no other', () => {
    const read = variablesRead();
    // The proxy sees what loadConfig really reads; the schema is what it validates.
    expect([...read].sort()).toEqual(Object.keys(EnvSchema.properties).sort());
    expect([...documented().keys()].sort()).toEqual([...read].sort());
  });

  it('states the schema default where it gives a plain value', () => {
    for (const [name, def] of documented()) {
      const schema = (EnvSchema.properties as Record<string, { default?: unknown }>)[name]!;
      const plain = /^`([^`]*)`$/.exec(def);
      if (!plain || schema.default === undefined) continue;
      expect(plain[1], name).toBe(String(schema.default));
    }
  });
});
