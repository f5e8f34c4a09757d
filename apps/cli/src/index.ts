// What the test kit runs in its own process: the CLI exactly as `npm run cli` runs it, and its
// application, for tests that prepare an account through the same commands.
export { runCli } from './cli';
export { openCliApplication, type CliApplication } from './cli-application';
