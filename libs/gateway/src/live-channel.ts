import type { StreamHandle } from '@glint/streams';
import type { Broadcast } from './media/broadcast';
import type { HealthSampler } from './health-sampler';
import type { ViewerStatistics } from './viewer-statistics';

/** One channel published to this gateway: its broadcast, and its stream once media has arrived. */
export interface LiveChannel {
  channelId: string;
  broadcast: Broadcast;
  publisherSessionId: string;
  /** The publisher's ICE username fragment: a PATCH with another one is an ICE restart. */
  iceUfrag: string | null;
  etag: string;
  openedAt: number;
  /**
   * Set once StreamStarted is recorded, then to what each sample answers (the revision the next one
   * goes after). Until it is set, viewers are told the channel is not live.
   */
  handle: StreamHandle | null;
  /** The StreamStarted append in flight, which an end waits for. */
  starting: Promise<void> | null;
  viewers: Map<string, { identity: string }>;
  statistics: ViewerStatistics | null;
  health: HealthSampler;
  lastSampleAt: number;
  sampling: boolean;
  ending: boolean;
}
