import { requireMayPublish, type PublisherStanding } from '@glint/channels';
import { ConflictError } from '@glint/domain-errors';
import { unreachable, type Decider } from '@glint/event-sourcing';
import type { HealthSample, MediaDescription, StreamEndReason, StreamEvent, StreamInfo, StreamStarted, ViewerSample } from './events';

export type Stream =
  | { status: 'not_started' }
  | { status: 'live'; started: StreamStarted['data']; info: StreamInfo; viewers: ViewerSample }
  | { status: 'ended'; started: StreamStarted['data']; reason: StreamEndReason; endedAt: string };

export type StartStream = {
  type: 'StartStream';
  streamId: string;
  channelId: string;
  channelUsername: string;
  sequence: number;
  gatewayId: string;
  info: StreamInfo;
  media: MediaDescription;
  /** The owner's sanctions when the first media came: one imposed after the WHIP offer still counts. */
  owner: PublisherStanding;
  at: Date;
};
export type ChangeStreamMetadata = { type: 'ChangeStreamMetadata'; changes: Partial<StreamInfo> };
export type SampleStreamHealth = { type: 'SampleStreamHealth'; sample: HealthSample; periodSeconds: number; at: Date };
export type SampleViewerCount = { type: 'SampleViewerCount'; sample: ViewerSample; at: Date };
export type EndStream = {
  type: 'EndStream';
  reason: StreamEndReason;
  at: Date;
  /** The gateway's last count, when it is the one ending the stream; otherwise the last sample stands. */
  finalViewers?: ViewerSample;
  endedBy?: string | null;
  /** Staff's stated reason for a shutdown. */
  note?: string;
};
export type StreamCommand = StartStream | ChangeStreamMetadata | SampleStreamHealth | SampleViewerCount | EndStream;

const NO_VIEWERS: ViewerSample = { current: 0, peak: 0, average: 0, totalViews: 0 };
const INFO_FIELDS = ['title', 'category', 'subcategory', 'tags', 'language', 'mature'] as const;

/**
 * One broadcast's life: started once, then samples and metadata while live, then ended once.
 * Anything that arrives after the end (a late sample, a second end from the worker racing the
 * gateway) records nothing, so every writer may act on what it saw without coordinating.
 */
export const streamDecider: Decider<Stream, StreamCommand, StreamEvent> = {
  initialState: { status: 'not_started' },

  evolve(state, event) {
    switch (event.type) {
      case 'StreamStarted': {
        const { title, category, subcategory, tags, language, mature } = event.data;
        return { status: 'live', started: event.data, info: { title, category, subcategory, tags, language, mature }, viewers: NO_VIEWERS };
      }
      case 'StreamMetadataChanged':
        return state.status === 'live' ? { ...state, info: { ...state.info, ...event.data.changes } } : state;
      case 'ViewerCountSampled': {
        if (state.status !== 'live') return state;
        const { current, peak, average, totalViews } = event.data;
        return { ...state, viewers: { current, peak, average, totalViews } };
      }
      case 'StreamHealthSampled':
        return state;
      case 'StreamEnded':
        return state.status === 'live' ? { status: 'ended', started: state.started, reason: event.data.reason, endedAt: event.data.endedAt } : state;
      default:
        return unreachable(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'StartStream':
        if (state.status !== 'not_started') throw new ConflictError('already_started', `The stream ${command.streamId} has already started.`);
        requireMayPublish(command.owner);
        return [
          {
            type: 'StreamStarted',
            data: {
              streamId: command.streamId,
              channelId: command.channelId,
              channelUsername: command.channelUsername,
              sequence: command.sequence,
              gatewayId: command.gatewayId,
              startedAt: command.at.toISOString(),
              ...command.info,
              media: command.media,
            },
          },
        ];
      case 'ChangeStreamMetadata': {
        if (state.status !== 'live') return [];
        const changes: Partial<StreamInfo> = {};
        for (const field of INFO_FIELDS) {
          const value = command.changes[field];
          if (value !== undefined && JSON.stringify(value) !== JSON.stringify(state.info[field])) Object.assign(changes, { [field]: value });
        }
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'StreamMetadataChanged', data: { streamId: state.started.streamId, channelId: state.started.channelId, changes } }];
      }
      case 'SampleStreamHealth':
        if (state.status !== 'live') return [];
        return [
          {
            type: 'StreamHealthSampled',
            data: { ...command.sample, streamId: state.started.streamId, channelId: state.started.channelId, sampledAt: command.at.toISOString(), periodSeconds: command.periodSeconds },
          },
        ];
      case 'SampleViewerCount': {
        if (state.status !== 'live') return [];
        const sample = { ...command.sample, peak: Math.max(state.viewers.peak, command.sample.peak, command.sample.current) };
        return [{ type: 'ViewerCountSampled', data: { ...sample, streamId: state.started.streamId, channelId: state.started.channelId, sampledAt: command.at.toISOString() } }];
      }
      case 'EndStream': {
        if (state.status === 'ended') return [];
        if (state.status === 'not_started') throw new ConflictError('not_live', 'This stream has not started, so it cannot end.');
        const viewers = command.finalViewers ?? state.viewers;
        const durationSeconds = Math.max(0, Math.round((command.at.getTime() - Date.parse(state.started.startedAt)) / 1000));
        return [
          {
            type: 'StreamEnded',
            data: {
              streamId: state.started.streamId,
              channelId: state.started.channelId,
              gatewayId: state.started.gatewayId,
              reason: command.reason,
              endedAt: command.at.toISOString(),
              durationSeconds,
              peakViewers: Math.max(state.viewers.peak, viewers.peak, viewers.current),
              averageViewers: viewers.average,
              totalViews: Math.max(state.viewers.totalViews, viewers.totalViews),
              endedBy: command.endedBy ?? null,
              ...(command.note !== undefined ? { note: command.note } : {}),
            },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },
};
