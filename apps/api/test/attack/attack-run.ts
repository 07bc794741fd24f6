import { CKM_MAX_DEVIATION } from '@begegnung/domain';
import type { Client } from '../helper.ts';
import { buildAttack, ckmBounds, collect, legacyBounds } from './collect.ts';

/** Runs the attack on everything the API publishes, against the cell key method and the old method. */
export async function attackBoth(label: string, client: Client, scopes: (number | undefined)[]) {
  const t0 = Date.now();
  const responses = await collect(client, scopes);
  const t1 = Date.now();
  const ckm = buildAttack(responses, ckmBounds(CKM_MAX_DEVIATION), false).run();
  const t2 = Date.now();
  const old = buildAttack(responses, legacyBounds, true).run();
  console.log(
    `[attack ${label}] collect ${t1 - t0} ms, ckm attack ${t2 - t1} ms, old ${Date.now() - t2} ms`,
  );
  console.log(
    `[attack ${label}] ${responses.length * 2 + responses.filter((r) => r.staffing).length} published responses; ` +
      `cell key method: ${ckm.attacked} cells attacked (true 1–4), ${ckm.recovered.length} recovered exactly ` +
      `(${ckm.byDifferencing} by differencing, ${ckm.lpSolved} LP systems, ${ckm.variables} variables, ${ckm.relations} relations); ` +
      `old suppression: ${old.attacked} attacked, ${old.recovered.length} recovered exactly (${old.byDifferencing} by differencing)`,
  );
  return { ckm, old };
}
