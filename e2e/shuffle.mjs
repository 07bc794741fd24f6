#!/usr/bin/env node
// Runs the e2e specs in a random order: spec files shuffled, and the tests inside each file
// shuffled, from one seed that is printed so a failing order can be replayed.
//
//   node e2e/shuffle.mjs [--seed=N] [playwright options…]   e.g. --repeat-each=3
//
// Playwright has no shuffle option. This writes one wrapper per spec into
// e2e/.artifacts/shuffled/, named by its drawn position (the runner takes files in name
// order); each wrapper imports its spec and then declares the spec's tests in an order drawn
// from the seed (tests/fixtures/shuffle.ts). With fullyParallel and two workers, the shuffled
// tests are dealt to the workers in that order. Build the app first (as for scripts/e2e.sh).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const seedArg = args.find((a) => a.startsWith('--seed='));
const seed = seedArg ? seedArg.slice('--seed='.length) : String(Date.now() % 1_000_000_007);
const rest = args.filter((a) => a !== seedArg);

// Seeded shuffle of the spec files (mulberry32, as in tests/fixtures/shuffle.ts).
let a = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761), 0x9e3779b9);
const next = () => {
  a = (a + 0x6d2b79f5) | 0;
  let t = Math.imul(a ^ (a >>> 15), 1 | a);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const specs = readdirSync(join(here, 'tests')).filter((f) => f.endsWith('.spec.ts'));
for (let i = specs.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [specs[i], specs[j]] = [specs[j], specs[i]];
}

const out = join(here, '.artifacts', 'shuffled');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
specs.forEach((spec, i) => {
  writeFileSync(
    join(out, `${String(i + 1).padStart(2, '0')}-${spec}`),
    [
      `import { declareShuffled } from '../../tests/fixtures/shuffle.ts';`,
      `import '../../tests/${spec}';`,
      `declareShuffled(${JSON.stringify(spec)});`,
      '',
    ].join('\n'),
  );
});
console.log(`Shuffle seed ${seed}; file order: ${specs.join(', ')}`);

const bin = join(here, 'node_modules', '.bin', 'playwright');
const run = spawnSync(bin, ['test', '-c', join(here, 'playwright.shuffled.config.ts'), ...rest], {
  cwd: join(here, '..'),
  stdio: 'inherit',
  env: { ...process.env, E2E_SHUFFLE_SEED: seed },
});
process.exit(run.status ?? 1);
