import { PeerConnection } from 'node-datachannel';
import { UnavailableError } from '@glint/domain-errors';

/** Where the gateway's peers listen and what address they tell browsers to reach. */
export interface PeerSettings {
  /** The one UDP port every peer shares (ICE UDP mux); above 1024. */
  udpPort: number;
  /** The local address the port is bound on; unset binds every interface. */
  bindAddress?: string;
  /** Addresses announced as host candidates instead of the ones found, for a gateway behind NAT. */
  announcedAddresses: string[];
  /** How long an answer may wait for ICE gathering. */
  gatheringTimeoutMs: number;
}

/**
 * A peer connection on the shared UDP port, answering `offer` after `addTracks` has added the
 * tracks the answer must carry: with the tracks added before the remote description, libdatachannel
 * answers with exactly their codecs. Non-trickle: the answer waits for gathering to complete, so it
 * carries the gateway's host candidate, which is what lets an encoder that sends no candidates (OBS)
 * connect through a peer-reflexive one.
 */
export async function answerOffer(name: string, settings: PeerSettings, offer: string, addTracks: (peer: PeerConnection) => void): Promise<{ peer: PeerConnection; answer: string }> {
  const peer = new PeerConnection(name, {
    iceServers: [],
    enableIceUdpMux: true,
    portRangeBegin: settings.udpPort,
    portRangeEnd: settings.udpPort,
    // The answer is made explicitly below: with auto-negotiation each addTrack would start an offer
    // of its own on libdatachannel's thread, racing the remote offer.
    disableAutoNegotiation: true,
    ...(settings.bindAddress ? { bindAddress: settings.bindAddress } : {}),
  });
  try {
    addTracks(peer);
    const gathered = new Promise<void>((resolve) => {
      peer.onGatheringStateChange((state) => {
        if (state === 'complete') resolve();
      });
    });
    peer.setRemoteDescription(offer, 'offer');
    peer.setLocalDescription('answer');
    if (peer.gatheringState() !== 'complete') await withTimeout(gathered, settings.gatheringTimeoutMs);
    const description = peer.localDescription();
    if (!description) throw new UnavailableError('no_answer', 'The gateway could not produce an answer; try again.', 1);
    return { peer, answer: announce(description.sdp, settings) };
  } catch (error) {
    peer.close();
    throw error;
  }
}

/** Replaces the answer's host candidates with the announced addresses, when there are any. */
function announce(sdp: string, settings: PeerSettings): string {
  if (settings.announcedAddresses.length === 0) return sdp;
  const lines = sdp.split('\r\n');
  const out: string[] = [];
  let replaced = false;
  for (const line of lines) {
    if (line.startsWith('a=candidate:') && line.includes(' typ host')) {
      if (!replaced) {
        settings.announcedAddresses.forEach((address, index) => {
          out.push(`a=candidate:${index + 1} 1 UDP ${2130706431 - index} ${address} ${settings.udpPort} typ host`);
        });
        replaced = true;
      }
      continue;
    }
    out.push(line);
  }
  return out.join('\r\n');
}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      promise,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new UnavailableError('gathering_timeout', 'The gateway took too long to gather its network addresses; try again.', 1)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
