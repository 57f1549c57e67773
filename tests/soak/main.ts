/*
 * `npm run soak`: a thousand seeded fault runs (tests/soak/soakRun.ts), every one checked against the
 * guarantees (tests/soak/guarantees.ts); prints the counts and exits 1 on any violation.
 *   SOAK_RUNS=n      how many runs (default 1000), seeds 1..n
 *   SOAK_SEED=n      replay one seed
 *   SOAK_KILL_EVERY  every how many runs the server is a child process SIGKILLed mid-run (default 10)
 *   SOAK_SHARD=k/n   only the seeds with seed % n = k - 1 (to spread one soak over n processes)
 */
import { soakRun, type SoakResult } from './soakRun';
import { isKillSeed } from './seeds';

const [shard, shards] = (process.env.SOAK_SHARD ?? '1/1').split('/').map(Number);
const seeds = process.env.SOAK_SEED
  ? [Number(process.env.SOAK_SEED)]
  : Array.from({ length: Number(process.env.SOAK_RUNS ?? 1000) }, (_, i) => i + 1).filter((seed) => seed % shards === shard - 1);
const totals = { runs: 0, killRuns: 0, events: 0, stored: 0, overtakenMoves: 0, requests: 0, droppedRequests: 0, droppedResponses: 0, lateRequests: 0, duplicated: 0, delayed: 0, serverKills: 0, deviceRestarts: 0, violations: 0 };
const failed: SoakResult[] = [];
const started = Date.now();

for (const seed of seeds) {
  const r = await soakRun(seed, isKillSeed(seed));
  totals.runs++;
  if (r.killRun) totals.killRuns++;
  totals.events += r.events;
  totals.stored += r.stored;
  totals.overtakenMoves += r.overtakenMoves;
  for (const k of ['requests', 'droppedRequests', 'droppedResponses', 'lateRequests', 'duplicated', 'delayed', 'serverKills', 'deviceRestarts'] as const) totals[k] += r.faults[k];
  totals.violations += r.violations.length;
  if (r.violations.length) {
    failed.push(r);
    for (const v of r.violations) console.log(v);
  }
  if (totals.runs % 50 === 0 || seeds.length === 1) console.log(`${totals.runs}/${seeds.length} runs, ${Math.round((Date.now() - started) / 1000)} s, violations ${totals.violations}`);
}

console.log(JSON.stringify({ ...totals, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
if (failed.length) {
  console.log(`violations in seeds ${failed.map((r) => r.seed).join(', ')}; replay one with SOAK_SEED=<seed> npm run soak`);
  process.exit(1);
}
