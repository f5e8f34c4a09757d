/**
 * Runs `total` operations through `callers` concurrent callers, each taking the next operation as
 * soon as its previous one finished (a closed loop, like request handlers sharing one store).
 * The first failure stops every caller and is rethrown.
 */
export async function runCallers(total: number, callers: number, operation: (index: number, caller: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const caller = async (callerIndex: number) => {
    while (!failure && next < total) {
      const index = next++;
      try {
        await operation(index, callerIndex);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(callers, total) }, (_, index) => caller(index)));
  if (failure) throw failure.error;
}

import { cpuSince, readCpu } from './cpu';

export const now = (): number => performance.now();

export interface Timing {
  seconds: number;
  /** CPU seconds of this process and of the PostgreSQL server over the same interval. */
  clientCpuSeconds: number;
  serverCpuSeconds: number;
}

/** Starts the clock of a timed section; call the returned function to stop it. */
export function startTiming(serverPid: number | undefined): () => Timing {
  const start = now();
  const cpu = readCpu(serverPid);
  return () => {
    const seconds = secondsSince(start);
    const used = cpuSince(cpu, serverPid);
    return { seconds, clientCpuSeconds: used.client, serverCpuSeconds: used.server };
  };
}

/** Seconds since `start` (a `now()` reading). */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;

/**
 * Runs a benchmark's `main` and exits with the code it returns. A failure exits 1 after saying so
 * on stderr: with its message alone where `expected` recognises it (a setup the reader can fix),
 * with its stack otherwise.
 */
export function runBenchmark(main: () => Promise<number>, expected: (error: unknown) => boolean = () => false): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const told = expected(error) && error instanceof Error ? error.message : `Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
      process.stderr.write(`${told}\n`);
      process.exit(1);
    },
  );
}
