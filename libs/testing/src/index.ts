/**
 * Glint's test kit. This entry point is light (no database, no platform) so unit tests load fast;
 * the heavier parts have entry points of their own:
 *   @glint/testing/database     a fresh migrated database per test file, an event store on it
 *   @glint/testing/platform     the platform started as `npm start` starts it, `Given` builders, scenarios
 *   @glint/testing/gateway      synthetic WebRTC publishers and viewers, the gateway scenario
 *   @glint/testing/projections  the projection engine's oracles and test projections
 *   @glint/testing/cli          running `npm run cli` in or out of process
 *   @glint/testing/mail         an SMTP server on loopback that a platform under test mails to
 */
export { until, eventually, quietPeriod, type UntilOptions } from './waiting';
export { decide } from './deciders';
export { refusalOf } from './refusals';
export { ApiClient, expectStatus, type ApiResponse } from './api-client';
export { recordsNothing } from './records-nothing';
export { seededRandom } from './seeded-random';
export { collectLines } from './child-output';
