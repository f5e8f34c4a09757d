export * from './cli-runs';
