#!/usr/bin/env node
// Runs the "no skipped events" test of the PostgreSQL event store for as many rounds as asked:
//   npm run test:gaps -- --repeat 20
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const at = args.indexOf('--repeat');
const repeat = at === -1 ? 1 : Number(args[at + 1]);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error('--repeat takes a whole number of rounds ≥ 1, e.g. npm run test:gaps -- --repeat 20');
  process.exit(2);
}
const result = spawnSync('npx', ['jest', '--runInBand', 'libs/eventstore/src/postgres/no-skipped-events.int.spec.ts'], {
  stdio: 'inherit',
  env: { ...process.env, GLINT_GAP_ROUNDS: String(repeat) },
});
process.exit(result.status ?? 1);
