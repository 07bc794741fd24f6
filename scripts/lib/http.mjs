// Small HTTP helpers for the scripts that start the built server (faults.mjs, faults-pg.mjs).

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `${base}/api/health` answers 2xx, polling every 50 ms; throws after `timeoutMs`
 * naming `what` (e.g. "instance 2").
 */
export async function waitHealthy(base, { timeoutMs = 15_000, what = 'server' } = {}) {
  for (let i = 0; i < Math.ceil(timeoutMs / 50); i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`${what} did not become healthy`);
}
