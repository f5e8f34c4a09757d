import type { SyntheticPublisher } from '@glint/testing/gateway';

export interface SentVideoPacket {
  sequence: number;
  /** The frame number written in the payload, which the gateway never rewrites. */
  frame: number;
  keyframe: boolean;
}

/** Each tick is one Opus packet and one video frame of this many packets: 6 packets per 20 ms is 300 packets/s. */
const VIDEO_PACKETS_PER_FRAME = 5;
const VIDEO_PACKET_BYTES = 1000;
export const TICK_MS = 20;

/**
 * A synthetic publisher driven like a live encoder: a steady packet rate, and a key frame only as
 * the first frame or when the gateway asks for one, so a viewer's first picture proves the gateway
 * held it back until a key frame and asked for one. Every packet sent is kept, to compare with
 * what viewers receive.
 */
export class PacedEncoder {
  readonly sentVideo: SentVideoPacket[] = [];
  readonly sentAudio: number[] = [];
  ticks = 0;
  private frame = 0;
  private keyframeRequestsAnswered = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly publisher: SyntheticPublisher) {}

  get packetsPerFrame(): number {
    return VIDEO_PACKETS_PER_FRAME;
  }

  get lastFrame(): number {
    return this.frame;
  }

  tick(): void {
    const keyframe = this.frame === 0 || this.publisher.keyframeRequests > this.keyframeRequestsAnswered;
    this.keyframeRequestsAnswered = this.publisher.keyframeRequests;
    // Audio first: once a viewer holds a tick's last video packet, it holds that tick's audio too.
    const audio = this.publisher.sendAudioPacket();
    // -1: the gateway hung up and the track closed; nothing was sent.
    if (audio >= 0) this.sentAudio.push(audio);
    // SyntheticPublisher numbers its frames 1, 2, … in the order they are sent.
    this.frame++;
    for (const sequence of this.publisher.sendVideoFrame({ keyframe, packets: VIDEO_PACKETS_PER_FRAME, size: VIDEO_PACKET_BYTES })) {
      this.sentVideo.push({ sequence, frame: this.frame, keyframe });
    }
    this.ticks++;
  }

  /** Sends a tick every 20 ms; a late timer catches up, so the rate holds over any second. */
  start(): void {
    if (this.timer) return;
    const startedAt = performance.now();
    const ticksBefore = this.ticks;
    this.timer = setInterval(() => {
      const due = ticksBefore + Math.floor((performance.now() - startedAt) / TICK_MS);
      while (this.ticks < due) this.tick();
    }, TICK_MS / 2);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** What has been sent so far: a viewer must receive everything after it. */
  mark(): { video: number; audio: number; ticks: number } {
    return { video: this.sentVideo.length, audio: this.sentAudio.length, ticks: this.ticks };
  }
}
