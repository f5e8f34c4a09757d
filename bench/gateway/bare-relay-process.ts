/**
 * The floor: a bare Node UDP relay. One socket receives the publisher's packets (plain RTP, no SRTP)
 * and sends each, unchanged, to every receiver over a socket connected to it, so no send pays for
 * an address lookup. Nothing is rewritten, gated or encrypted: this is what Node itself costs per
 * forwarded packet on this machine.
 * Started by bench/gateway.ts with an IPC channel; exits when the benchmark goes away.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Link } from './link';

export interface RelayWindow {
  ingestPackets: number;
  sendErrors: number;
}

const ingest = createSocket('udp4');
const targets: Socket[] = [];
let ingestPackets = 0;
let ingestAtStart = 0;
let sendErrors = 0;
let sendErrorsAtStart = 0;

const countError = (error: Error | null) => {
  if (error) sendErrors++;
};

ingest.on('message', (packet) => {
  ingestPackets++;
  for (let index = 0; index < targets.length; index++) targets[index].send(packet, countError);
});

async function connectTarget(port: number): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => resolve());
  });
  targets.push(socket);
}

function shutDown(): void {
  ingest.close();
  for (const socket of targets) socket.close();
  process.exit(0);
}

async function main(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    ingest.once('error', reject);
    ingest.bind(0, '127.0.0.1', () => resolve());
  });
  const link = Link.toParent(shutDown);
  link
    .handle('port', () => ingest.address().port)
    .handle('targets', async ({ ports }: { ports: number[] }) => {
      for (const port of ports) await connectTarget(port);
    })
    .handle('window-start', () => {
      ingestAtStart = ingestPackets;
      sendErrorsAtStart = sendErrors;
    })
    .handle('window-end', (): RelayWindow => ({ ingestPackets: ingestPackets - ingestAtStart, sendErrors: sendErrors - sendErrorsAtStart }));
  process.once('SIGTERM', shutDown);
  await link.call('ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`The bare relay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
