import 'reflect-metadata';
import { runUntilStopped } from '@glint/runtime';
import { startPlatform } from './platform-app';

runUntilStopped(() => startPlatform(), {
  name: 'Glint',
  logContext: 'Platform',
  listening: ({ config }) => `Glint is listening on http://127.0.0.1:${config.port} (GET /health)`,
});
