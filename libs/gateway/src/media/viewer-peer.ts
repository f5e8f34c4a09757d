import { randomInt } from 'node:crypto';
import { Audio, Video, type PeerConnection, type Track } from 'node-datachannel';
import { choosePlaybackCodecs, type ChosenCodec, type IngestCodecs } from './codecs';
import { addOwnedTrack } from './native-peers';
import { answerOffer, type PeerSettings } from './peer';
import type { SessionDescription } from './sdp';

/** One of a viewer's tracks, with what the broadcast rewrites each packet with on its way there. */
export interface ViewerRoute {
  track: Track;
  codec: ChosenCodec;
  ssrc: number;
  /** Set at the first forwarded packet, so each viewer's numbering runs on without a jump. */
  sequenceOffset: number;
  timestampOffset: number;
  started: boolean;
  /** Until the track opens (DTLS done) a send is lost: a key frame sent then would leave the viewer without one. */
  open: boolean;
}

/** What a viewer's peer tells the broadcast it watches. */
export interface ViewerEvents {
  /** The viewer's video track opened: only now can it take a key frame. */
  videoOpened(): void;
  /** RTCP the viewer sent about its video (NACKs, PLIs, reports), as it came. */
  feedback(route: ViewerRoute, packet: Buffer): void;
  /** The viewer's connection failed or closed. */
  gone(): void;
}

/** One viewer's peer and the tracks it receives on: send-only, with SSRCs of its own. */
export class ViewerPeer {
  closed = false;

  private constructor(
    readonly id: string,
    readonly identity: string,
    readonly peer: PeerConnection,
    readonly video: ViewerRoute | null,
    readonly audio: ViewerRoute | null,
    /** Media descriptions, referenced for as long as the peer is. */
    private readonly handlers: unknown[],
  ) {}

  /** Answers a viewer's offer with the codecs of the broadcast's publisher that the viewer takes. */
  static async open(
    id: string,
    identity: string,
    settings: PeerSettings,
    offer: string,
    description: SessionDescription,
    ingest: IngestCodecs,
    events: ViewerEvents,
  ): Promise<{ viewer: ViewerPeer; answer: string }> {
    const chosen = choosePlaybackCodecs(description, ingest);
    const handlers: unknown[] = [];
    let videoRoute: ViewerRoute | null = null;
    let audioRoute: ViewerRoute | null = null;
    const { peer, answer } = await answerOffer(`viewer-${id}`, settings, offer, (connection) => {
      const cname = `glint-${id.slice(0, 8)}`;
      if (chosen.audio) {
        const audio = new Audio(chosen.audio.mid, 'SendOnly');
        audio.addOpusCodec(chosen.audio.payloadType, chosen.audio.fmtp || undefined);
        const ssrc = randomSsrc();
        audio.addSSRC(ssrc, cname, 'glint', 'audio');
        const track = addOwnedTrack(connection, audio);
        // Without a handler a send-only track queues incoming RTCP without end.
        track.onMessage(() => undefined);
        const route = newRoute(track, chosen.audio, ssrc);
        track.onOpen(() => {
          route.open = true;
        });
        audioRoute = route;
        handlers.push(audio);
      }
      if (chosen.video) {
        const video = new Video(chosen.video.mid, 'SendOnly');
        if (ingest.video?.codec === 'H264') video.addH264Codec(chosen.video.payloadType, chosen.video.fmtp || undefined);
        else video.addVP8Codec(chosen.video.payloadType);
        const ssrc = randomSsrc();
        video.addSSRC(ssrc, cname, 'glint', 'video');
        const track = addOwnedTrack(connection, video);
        const route = newRoute(track, chosen.video, ssrc);
        // No media handler: the viewer's RTCP (NACKs, PLIs, reports) reaches the broadcast as it is.
        track.onMessage((packet) => events.feedback(route, packet));
        track.onOpen(() => {
          route.open = true;
          events.videoOpened();
        });
        videoRoute = route;
        handlers.push(video);
      }
    });
    peer.onStateChange((state) => {
      if (state === 'failed' || state === 'closed') events.gone();
    });
    return { viewer: new ViewerPeer(id, identity, peer, videoRoute, audioRoute, handlers), answer };
  }

  /** Whether every track has opened on the gateway's side: the broadcast sends to it. */
  get connected(): boolean {
    return (this.video?.open ?? true) && (this.audio?.open ?? true);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer.close();
  }
}

/** Every route has this one shape, so the per-packet loop stays monomorphic. */
function newRoute(track: Track, codec: ChosenCodec, ssrc: number): ViewerRoute {
  return { track, codec, ssrc, sequenceOffset: 0, timestampOffset: 0, started: false, open: false };
}

function randomSsrc(): number {
  return randomInt(1, 0xffffffff);
}
