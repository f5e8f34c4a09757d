export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __glintTestPostgres?: { stop(): Promise<void> } }).__glintTestPostgres;
  if (server) await server.stop();
}
