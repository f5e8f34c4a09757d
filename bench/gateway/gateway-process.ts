/**
 * The gateway under test: one `Broadcast` (libs/gateway/src/media/broadcast.ts) on a UDP port of its
 * own, in a process of its own so its CPU is its own. The offers come over IPC instead of WHIP and
 * WHEP; from then on every packet takes the path the HTTP gateway's packets take: SRTP in, key-frame
 * gating and per-viewer rewriting in `forward()`, SRTP out, one UDP write per viewer.
 * Started by bench/gateway.ts with an IPC channel; exits when the benchmark goes away.
 */
import { randomUUID } from 'node:crypto';
import { cleanup } from 'node-datachannel';
import { Broadcast, type BroadcastSettings, type IngestCounters, chooseIngestCodecs, parseSdp } from '@glint/gateway/media';
import { freeUdpPort } from '@glint/testing/gateway';
import { Link } from './link';

/** GATEWAY_NACK_BUFFER_PACKETS' default, so the broadcast keeps what a running gateway keeps. */
const NACK_BUFFER_PACKETS = 512;

export interface GatewayWindow {
  /** Packets the publisher's track delivered to `forward()` in the window, and those lost on the way in. */
  ingestPackets: number;
  ingestLost: number;
  keyframeRequests: number;
  viewers: number;
  rssBytes: number;
}

let broadcast: Broadcast | null = null;
let countersAtStart: IngestCounters | null = null;

async function main(): Promise<void> {
  const settings: BroadcastSettings = { udpPort: await freeUdpPort(), bindAddress: '127.0.0.1', announcedAddresses: [], gatheringTimeoutMs: 5_000, nackBufferPackets: NACK_BUFFER_PACKETS };
  const link = Link.toParent(shutDown);
  link
    .handle('publish', async ({ offer }: { offer: string }) => {
      const opened = await Broadcast.open('bench-publisher', settings, offer, chooseIngestCodecs(parseSdp(offer)));
      broadcast = opened.broadcast;
      return opened.answer;
    })
    .handle('watch', async ({ offer }: { offer: string }) => {
      if (!broadcast) throw new Error('a viewer offered before the publisher');
      return (await broadcast.addViewer(randomUUID(), 'bench-viewer', offer, parseSdp(offer))).answer;
    })
    .handle('window-start', () => {
      countersAtStart = { ...requireBroadcast().counters };
    })
    .handle('window-end', (): GatewayWindow => {
      const counters = requireBroadcast().counters;
      const start = countersAtStart!;
      return {
        ingestPackets: counters.packets - start.packets,
        ingestLost: counters.lost - start.lost,
        keyframeRequests: counters.keyframeRequests - start.keyframeRequests,
        viewers: requireBroadcast().viewerCount,
        rssBytes: process.memoryUsage.rss(),
      };
    });
  process.once('SIGTERM', shutDown);
  await link.call('ready');
}

function requireBroadcast(): Broadcast {
  if (!broadcast) throw new Error('no publisher yet');
  return broadcast;
}

/** Closes the peers before node-datachannel's cleanup, and exits normally so --cpu-prof writes its profile. */
function shutDown(): void {
  broadcast?.close();
  cleanup();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`The gateway process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
