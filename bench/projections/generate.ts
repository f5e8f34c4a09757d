import type { AppendRequest, EventStore, NewEvent } from '@glint/eventstore';
import { seededRandom } from '@glint/testing';
import { Progress } from '../progress';

/**
 * A day of a small Glint, as the log would hold it: people registering, confirming and signing in,
 * channels created and edited, follows and unfollows, chat and its deletions, timeouts and bans,
 * reports and their resolutions, broadcasts started, sampled (health and viewers) and ended. The
 * same seed writes the same log: every id, text and time comes from the seeded generator.
 */
export interface GeneratedLog {
  events: number;
  seconds: number;
  byType: Record<string, number>;
}

/** Relative weights of the actions the generator picks from (each writes one event, or a few). */
const WEIGHTS: ReadonlyArray<readonly [Action, number]> = [
  ['register', 30],
  ['login', 40],
  ['createChannel', 6],
  ['editChannel', 12],
  ['follow', 50],
  ['unfollow', 8],
  ['chat', 520],
  ['deleteChat', 12],
  ['timeout', 8],
  ['ban', 2],
  ['report', 5],
  ['resolveReport', 3],
  ['startStream', 4],
  ['healthSample', 110],
  ['viewerSample', 110],
  ['endStream', 4],
];
type Action =
  | 'register'
  | 'login'
  | 'createChannel'
  | 'editChannel'
  | 'follow'
  | 'unfollow'
  | 'chat'
  | 'deleteChat'
  | 'timeout'
  | 'ban'
  | 'report'
  | 'resolveReport'
  | 'startStream'
  | 'healthSample'
  | 'viewerSample'
  | 'endStream';

const CATEGORIES = ['gaming', 'music', 'art', 'talk', 'sports'];
const WORDS = ['gg', 'nice', 'wow', 'clip', 'that', 'run', 'was', 'insane', 'hello', 'chat', 'lol', 'pog', 'again', 'boss', 'fight', 'when', 'next', 'stream'];
const EVENTS_PER_APPEND = 2_000;
/** The log's first event happened here; each later one a few milliseconds after the one before. */
const START = Date.parse('2026-11-01T08:00:00.000Z');

interface User {
  userId: string;
  username: string;
}
interface Live {
  streamId: string;
  channelId: string;
  sequence: number;
  samples: number;
  peak: number;
}

class LogGenerator {
  private readonly random: () => number;
  private readonly weights: number;
  /** Users and channels are used from the append after the one that created them. */
  private readonly users: User[] = [];
  private readonly channels: User[] = [];
  private readonly fresh: { users: User[]; channels: User[] } = { users: [], channels: [] };
  private readonly follows = new Map<string, [string, string]>();
  private readonly followKeys: string[] = [];
  private readonly messages: Array<{ channelId: string; messageId: string; senderId: string }> = [];
  private readonly reports: Array<{ reportId: string; reporterId: string; targetUserId: string }> = [];
  private readonly live = new Map<string, Live>();
  private readonly broadcasts = new Map<string, number>();
  private clock = START;
  readonly byType: Record<string, number> = {};

  constructor(seed: number) {
    this.random = seededRandom(seed);
    this.weights = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  }

  /** The next batch of events, grouped into one append request per stream (order kept within each). */
  batch(size: number): AppendRequest[] {
    this.users.push(...this.fresh.users.splice(0));
    this.channels.push(...this.fresh.channels.splice(0));
    const byStream = new Map<string, NewEvent[]>();
    let count = 0;
    while (count < size) {
      for (const [streamName, event] of this.next()) {
        const events = byStream.get(streamName) ?? [];
        events.push(event);
        byStream.set(streamName, events);
        count++;
      }
    }
    return [...byStream].map(([streamName, events]) => ({ streamName, events, expectedRevision: 'any' as const }));
  }

  private next(): Array<[string, NewEvent]> {
    // The first few hundred users exist before anything else happens.
    if (this.users.length < 200) return this.register();
    const action = this.pick();
    switch (action) {
      case 'register':
        return this.register();
      case 'login': {
        const user = this.any(this.users);
        const at = this.tick();
        return [[`user-${user.userId}`, this.event('UserLoggedIn', { userId: user.userId, sessionId: this.uuid(), tokenHash: this.hex(64), loggedInAt: at, expiresAt: new Date(this.clock + 30 * 86_400_000).toISOString(), twoFactorTimeStep: null }, user)]];
      }
      case 'createChannel': {
        const owner = this.users.find((user) => !this.broadcasts.has(user.userId));
        if (!owner) return this.register();
        this.broadcasts.set(owner.userId, 0);
        this.fresh.channels.push(owner);
        const data = {
          channelId: owner.userId,
          ownerId: owner.userId,
          username: owner.username,
          title: this.sentence(6),
          category: this.any(CATEGORIES),
          subcategory: null,
          tags: ['english', 'chill'],
          language: 'en',
          mature: false,
          chatSettings: { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false },
          streamKeyHash: this.hex(64),
        };
        return [[`channel-${owner.userId}`, this.event('ChannelCreated', data, owner)]];
      }
      case 'editChannel': {
        const channel = this.channel();
        if (!channel) return this.register();
        return [[`channel-${channel.userId}`, this.event('ChannelInfoUpdated', { channelId: channel.userId, ownerId: channel.userId, editorId: channel.userId, changes: { title: this.sentence(5) } }, channel)]];
      }
      case 'follow': {
        const channel = this.channel();
        if (!channel) return this.register();
        const follower = this.any(this.users);
        const key = `${channel.userId}-${follower.userId}`;
        if (this.follows.has(key) || follower.userId === channel.userId) return this.chat();
        this.follows.set(key, [channel.userId, follower.userId]);
        this.followKeys.push(key);
        const data = { channelId: channel.userId, followerId: follower.userId, liveNotifications: this.random() < 0.5, channelUsername: channel.username, followerUsername: follower.username };
        return [[`follow-${key}`, this.event('ChannelFollowed', data, follower)]];
      }
      case 'unfollow': {
        if (this.followKeys.length === 0) return this.chat();
        const index = Math.floor(this.random() * this.followKeys.length);
        const key = this.followKeys[index];
        this.followKeys[index] = this.followKeys[this.followKeys.length - 1];
        this.followKeys.pop();
        const [channelId, followerId] = this.follows.get(key)!;
        this.follows.delete(key);
        return [[`follow-${key}`, this.event('ChannelUnfollowed', { channelId, followerId }, { userId: followerId })]];
      }
      case 'chat':
        return this.chat();
      case 'deleteChat': {
        if (this.messages.length === 0) return this.chat();
        const message = this.messages[Math.floor(this.random() * this.messages.length)];
        return [[`chat-${message.channelId}`, this.event('ChatMessageDeleted', { ...message, moderatorId: message.channelId }, { userId: message.channelId })]];
      }
      case 'timeout':
      case 'ban': {
        const channel = this.channel();
        if (!channel) return this.register();
        const target = this.any(this.users);
        const base = { channelId: channel.userId, targetUserId: target.userId, moderatorId: channel.userId };
        const stream = `chat-standing-${channel.userId}-${target.userId}`;
        if (action === 'ban') return [[stream, this.event('UserBanned', { ...base, reason: 'spam' }, channel)]];
        return [[stream, this.event('UserTimedOut', { ...base, durationSeconds: 600, until: new Date(this.clock + 600_000).toISOString(), reason: null }, channel)]];
      }
      case 'report': {
        const reporter = this.any(this.users);
        const target = this.any(this.users);
        const report = { reportId: this.uuid(), reporterId: reporter.userId, targetUserId: target.userId };
        this.reports.push(report);
        return [[`report-${report.reportId}`, this.event('UserReported', { ...report, where: 'chat', why: 'other', notes: null }, reporter)]];
      }
      case 'resolveReport': {
        const report = this.reports.shift();
        if (!report) return this.chat();
        return [[`report-${report.reportId}`, this.event('ReportResolved', { ...report, resolution: 'dismissed', note: 'Looked at it.' }, null)]];
      }
      case 'startStream': {
        const channel = this.channel();
        if (!channel || this.live.has(channel.userId)) return this.chat();
        const sequence = this.broadcasts.get(channel.userId)! + 1;
        this.broadcasts.set(channel.userId, sequence);
        const streamId = `${channel.userId}-${sequence}`;
        this.live.set(channel.userId, { streamId, channelId: channel.userId, sequence, samples: 0, peak: 0 });
        const data = {
          streamId,
          channelId: channel.userId,
          channelUsername: channel.username,
          sequence,
          gatewayId: 'gateway-1',
          startedAt: this.tick(),
          title: this.sentence(6),
          category: this.any(CATEGORIES),
          subcategory: null,
          tags: ['english'],
          language: 'en',
          mature: false,
          media: { video: 'H264', audio: 'opus' },
        };
        return [[`stream-${streamId}`, this.event('StreamStarted', data, null)]];
      }
      case 'healthSample':
      case 'viewerSample': {
        const stream = this.liveStream();
        if (!stream) return this.chat();
        stream.samples++;
        const base = { streamId: stream.streamId, channelId: stream.channelId, sampledAt: this.tick() };
        if (action === 'healthSample') {
          const data = { ...base, periodSeconds: 10, bitrateKbps: 2500 + Math.floor(this.random() * 3000), packets: 4000, packetsLost: Math.floor(this.random() * 20), nacks: 3, keyframeRequests: 0, width: 1920, height: 1080, videoCodec: 'H264', audioCodec: 'opus' };
          return [[`stream-${stream.streamId}`, this.event('StreamHealthSampled', data, null)]];
        }
        const current = Math.floor(this.random() * 500);
        stream.peak = Math.max(stream.peak, current);
        return [[`stream-${stream.streamId}`, this.event('ViewerCountSampled', { ...base, current, peak: stream.peak, average: stream.peak / 2, totalViews: stream.samples * 3 }, null)]];
      }
      case 'endStream': {
        const stream = this.liveStream();
        if (!stream) return this.chat();
        this.live.delete(stream.channelId);
        const data = {
          streamId: stream.streamId,
          channelId: stream.channelId,
          gatewayId: 'gateway-1',
          reason: 'publisher_left',
          endedAt: this.tick(),
          durationSeconds: stream.samples * 10,
          peakViewers: stream.peak,
          averageViewers: stream.peak / 2,
          totalViews: stream.samples * 3,
          endedBy: null,
        };
        return [[`stream-${stream.streamId}`, this.event('StreamEnded', data, null)]];
      }
    }
  }

  private register(): Array<[string, NewEvent]> {
    const user = { userId: this.uuid(), username: `user_${this.users.length + this.fresh.users.length}` };
    this.fresh.users.push(user);
    const stream = `user-${user.userId}`;
    const tokenHash = this.hex(64);
    const requestedAt = this.tick();
    return [
      [stream, this.event('UserRegistered', { ...user, emailSealed: this.hex(96), passwordHashSealed: this.hex(128) }, user)],
      [stream, this.event('EmailConfirmationRequested', { userId: user.userId, emailSealed: this.hex(96), tokenSealed: this.hex(96), tokenHash, requestedAt, expiresAt: new Date(this.clock + 86_400_000).toISOString() }, null)],
      [stream, this.event('EmailConfirmed', { userId: user.userId }, user)],
    ];
  }

  private chat(): Array<[string, NewEvent]> {
    const channel = this.channel();
    if (!channel) return this.register();
    const sender = this.any(this.users);
    const message = { channelId: channel.userId, messageId: this.uuid(), senderId: sender.userId };
    this.messages.push(message);
    if (this.messages.length > 5_000) this.messages.splice(0, 1_000);
    return [[`chat-${channel.userId}`, this.event('ChatMessageSent', { ...message, senderUsername: sender.username, text: this.sentence(2 + Math.floor(this.random() * 10)) }, sender)]];
  }

  private event(type: string, data: Record<string, unknown>, actor: { userId: string } | null): NewEvent {
    this.byType[type] = (this.byType[type] ?? 0) + 1;
    const id = this.uuid();
    return {
      id,
      type,
      data,
      metadata: {
        correlationId: id,
        causationId: null,
        actor: actor ? { type: 'user', userId: actor.userId, role: 'user' } : { type: 'system' },
        occurredAt: this.tick(),
      },
    };
  }

  private pick(): Action {
    let roll = this.random() * this.weights;
    for (const [action, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return action;
    }
    return 'chat';
  }

  /** A channel, the popular ones (the first created) far more often. */
  private channel(): User | undefined {
    if (this.channels.length === 0) return undefined;
    return this.channels[Math.floor(this.channels.length * this.random() ** 3)];
  }

  private liveStream(): Live | undefined {
    if (this.live.size === 0) return undefined;
    const streams = [...this.live.values()];
    return streams[Math.floor(this.random() * streams.length)];
  }

  private any<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private tick(): string {
    this.clock += 1 + Math.floor(this.random() * 5);
    return new Date(this.clock).toISOString();
  }

  private sentence(words: number): string {
    return Array.from({ length: words }, () => this.any(WORDS)).join(' ');
  }

  private hex(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.random() * 0x100000000).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }

  private uuid(): string {
    const hex = this.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Appends `total` generated events in appends of about 2,000, one after another: an append builds on
 * the users and channels of the ones before it, which must hold the earlier positions.
 */
export async function generateLog(store: EventStore, total: number, seed: number): Promise<GeneratedLog> {
  const generator = new LogGenerator(seed);
  const progress = new Progress('generating the log', total);
  const started = performance.now();
  let written = 0;
  try {
    while (written < total) {
      const requests = generator.batch(Math.min(EVENTS_PER_APPEND, total - written));
      const results = await store.appendMany(requests);
      const failed = results.find((result): result is Error => result instanceof Error);
      if (failed) throw failed;
      const count = requests.reduce((sum, request) => sum + request.events.length, 0);
      written += count;
      progress.increment(count);
    }
  } finally {
    progress.stop();
  }
  return { events: written, seconds: (performance.now() - started) / 1000, byType: generator.byType };
}
