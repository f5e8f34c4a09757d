import 'reflect-metadata';
import { runUntilStopped } from '@glint/runtime';
import { startPlatform } from './platform-app';

runUntilStopped(() => startPlatform(), {
  name: 'Glint',
  logContext: 'Platform',
  listening: ({ url }) => `Glint is listening on ${url} (GET /health, GET /metrics)`,
});
