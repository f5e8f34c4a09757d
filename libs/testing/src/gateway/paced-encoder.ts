import { until } from '../waiting';
import type { SyntheticPublisher } from './synthetic-peers';

export interface SentVideoPacket {
  sequence: number;
  /** The frame number written in the payload, which the gateway never rewrites. */
  frame: number;
  keyframe: boolean;
}

/** What one tick sends besides its Opus packet: one video frame of this shape. */
export interface EncoderPace {
  packetsPerFrame: number;
  packetBytes: number;
  tickMs: number;
  /** A key frame every this many frames besides the first and those the gateway asks for; unset: only those. */
  keyframeEvery?: number;
}

/** With its Opus packet, 6 packets per 20 ms: 300 packets a second. */
export const DEFAULT_ENCODER_PACE: Readonly<EncoderPace> = { packetsPerFrame: 5, packetBytes: 1000, tickMs: 20 };

/**
 * A synthetic publisher driven like a live encoder: a steady packet rate, and a key frame only as
 * the first frame or when the gateway asks for one (unless `keyframeEvery` says otherwise), so a
 * viewer's first picture proves the gateway held it back until a key frame and asked for one.
 * Every packet sent is kept, to compare with what viewers receive.
 */
export class PacedEncoder {
  readonly sentVideo: SentVideoPacket[] = [];
  readonly sentAudio: number[] = [];
  readonly pace: EncoderPace;
  ticks = 0;
  private frame = 0;
  private keyframeRequestsAnswered = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly publisher: SyntheticPublisher,
    pace: Partial<EncoderPace> = {},
  ) {
    this.pace = { ...DEFAULT_ENCODER_PACE, ...pace };
  }

  get packetsPerFrame(): number {
    return this.pace.packetsPerFrame;
  }

  get lastFrame(): number {
    return this.frame;
  }

  tick(): void {
    const asked = this.publisher.keyframeRequests > this.keyframeRequestsAnswered;
    const keyframe = this.frame === 0 || asked || (this.pace.keyframeEvery !== undefined && this.frame % this.pace.keyframeEvery === 0);
    this.keyframeRequestsAnswered = this.publisher.keyframeRequests;
    // Audio first: once a viewer holds a tick's last video packet, it holds that tick's audio too.
    const audio = this.publisher.sendAudioPacket();
    // -1: the gateway hung up and the track closed; nothing was sent.
    if (audio >= 0) this.sentAudio.push(audio);
    // SyntheticPublisher numbers its frames 1, 2, … in the order they are sent.
    this.frame++;
    for (const sequence of this.publisher.sendVideoFrame({ keyframe, packets: this.pace.packetsPerFrame, size: this.pace.packetBytes })) {
      this.sentVideo.push({ sequence, frame: this.frame, keyframe });
    }
    this.ticks++;
  }

  /** Sends a tick every `tickMs`, up to `lastTick` if given; a late timer catches up, so the rate holds over any second. */
  start(lastTick = Infinity): void {
    if (this.timer) return;
    const startedAt = performance.now();
    const ticksBefore = this.ticks;
    this.timer = setInterval(() => {
      const due = Math.min(lastTick, ticksBefore + Math.floor((performance.now() - startedAt) / this.pace.tickMs));
      while (this.ticks < due) this.tick();
      if (this.ticks >= lastTick) this.stop();
    }, this.pace.tickMs / 2);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends `ticks` more ticks at the encoder's pace, and resolves once they are all sent. */
  async send(ticks: number): Promise<void> {
    const lastTick = this.ticks + ticks;
    this.stop();
    this.start(lastTick);
    await until(`the encoder to send ${ticks} ticks`, () => this.ticks >= lastTick);
  }

  /** What has been sent so far: a viewer must receive everything after it. */
  mark(): { video: number; audio: number; ticks: number } {
    return { video: this.sentVideo.length, audio: this.sentAudio.length, ticks: this.ticks };
  }
}
