// What the test kit runs in its own process: the CLI exactly as `npm run cli` runs it.
export { runCli } from './cli';
