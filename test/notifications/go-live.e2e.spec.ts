import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { GoLiveJobs, goLiveJobId, NOTIFY_FOLLOWERS, NotifyFollowersCommand, type GoLiveOutcome } from '@glint/notifications';
import { type GatewaySettings, GATEWAY_SETTINGS, READ_MODELS, type ReadModels } from '@glint/runtime';
import { EndStreamCommand, StartStreamCommand } from '@glint/streams';
import { SocketClient, type ReceivedFrame, headPosition, type GivenUser, usePlatform } from '@glint/testing/platform';
import type { CaughtMail } from '@glint/testing/mail';
import { expectStatus, until } from '@glint/testing';

const context = () => commandContext(systemActor(), { now: new Date(), correlationId: `c-${randomUUID()}` });

describe('go-live notifications', () => {
  // The platform mails through SMTP to the test's own mail server.
  const glint = usePlatform({ mail: true });
  let commands: CommandBus;
  let jobs: GoLiveJobs;
  const sockets: SocketClient[] = [];
  let fan: GivenUser;
  let quiet: GivenUser;
  let stranger: GivenUser;
  const inbox = new Map<string, SocketClient>();

  // A mail's message id is made from its idempotency key, `go-live:<stream>:<follower>`.
  const goLiveMails = (streamId: string): CaughtMail[] => glint.mail.mails.filter((mail) => mail.messageId.startsWith(`<go-live.${streamId}.`));
  const goLiveFrames = (user: GivenUser, streamId: string): ReceivedFrame[] => inbox.get(user.userId)!.frames.filter((frame) => frame.id === `go-live:${streamId}`);

  async function channelFollowedBy(followers: Array<[GivenUser, boolean]>): Promise<{ owner: GivenUser; channelId: string }> {
    const owner = await glint.given.user();
    const created = expectStatus(await glint.api.post('/api/channels', { title: 'Speedrun night', tags: ['speedrun'] }, owner.token), 201, 'opening a channel');
    for (const [follower, liveNotifications] of followers) {
      expectStatus(await glint.api.put(`/api/channels/${owner.username}/follow`, { liveNotifications }, follower.token), 200, 'following');
    }
    await glint.platform.app.get<ReadModels>(READ_MODELS, { strict: false }).catchUp('follows', await headPosition(glint.platform));
    return { owner, channelId: created.body.channel.channelId };
  }

  async function startStream(channelId: string): Promise<string> {
    // Held by the platform's own gateway, which beats: a stream on a silent gateway is ended as lost.
    const gatewayId = glint.platform.app.get<GatewaySettings>(GATEWAY_SETTINGS, { strict: false }).id;
    return (await commands.execute(new StartStreamCommand(channelId, gatewayId, { video: 'H264', audio: 'opus' }, context()))).streamId;
  }

  /** The outcome of the stream's job once the worker has finished it. */
  async function finishedJob(jobId: string): Promise<GoLiveOutcome> {
    // The state first: a job read before it completes carries no return value yet.
    await until(`the job ${jobId} to complete`, async () => (await jobs.queue.getJobState(jobId)) === 'completed');
    return (await jobs.queue.getJob(jobId))!.returnvalue;
  }

  /** Runs the job's work as the worker does, outside the queue. */
  const notify = (streamId: string) => commands.execute(new NotifyFollowersCommand(streamId, new Date()));

  async function listening(user: GivenUser): Promise<void> {
    const socket = await SocketClient.connect(`${glint.platform.wsUrl}/ws/live?token=${user.token}`);
    sockets.push(socket);
    expect(await socket.request('subscribe', { topic: 'notifications' }, ['subscribed', 'error'])).toEqual({ event: 'subscribed', data: { topic: 'notifications' } });
    inbox.set(user.userId, socket);
  }

  beforeAll(async () => {
    commands = glint.platform.app.get(CommandBus);
    jobs = glint.platform.app.get(GoLiveJobs, { strict: false });
    [fan, quiet, stranger] = await Promise.all([glint.given.user(), glint.given.user(), glint.given.user()]);
    await Promise.all([fan, quiet, stranger].map(listening));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
  });

  describe('on one channel', () => {
    let channel: { owner: GivenUser; channelId: string };
    let firstStream: string;

    beforeAll(async () => {
      channel = await channelFollowedBy([
        [fan, true],
        [quiet, false],
      ]);
    });

    it('tells a follower who opted in, once by mail and once on their socket, and no one else', async () => {
      firstStream = await startStream(channel.channelId);
      const frame = await inbox.get(fan.userId)!.next((received) => received.id === `go-live:${firstStream}`);
      expect(frame).toEqual({
        id: `go-live:${firstStream}`,
        event: 'channel_live',
        data: { channel: channel.owner.username, title: 'Speedrun night', category: expect.any(String), watchUrl: expect.stringMatching(new RegExp(`/${channel.owner.username}$`)), streamId: firstStream },
      });
      expect(await finishedJob(goLiveJobId(firstStream))).toEqual({ streamId: firstStream, outcome: 'notified', followers: 1, mailsSent: 1, framesPublished: 1 });
      expect(goLiveMails(firstStream)).toEqual([
        expect.objectContaining({
          messageId: expect.stringMatching(new RegExp(`^<go-live\\.${firstStream}\\.${fan.userId}@`)),
          to: fan.email,
          subject: `${channel.owner.username} is live: Speedrun night`,
          text: expect.stringContaining(frame.data.watchUrl),
          link: frame.data.watchUrl,
        }),
      ]);
      expect(goLiveFrames(fan, firstStream)).toHaveLength(1);
      expect(goLiveFrames(quiet, firstStream)).toEqual([]);
      expect(goLiveFrames(stranger, firstStream)).toEqual([]);
    });

    it('sends nothing more when the job runs again for the same stream, even twice at once', async () => {
      const again = await Promise.all([notify(firstStream), notify(firstStream)]);
      expect(again).toEqual([0, 1].map(() => ({ streamId: firstStream, outcome: 'notified', followers: 1, mailsSent: 0, framesPublished: 0 })));
      await jobs.queue.add(NOTIFY_FOLLOWERS, { streamId: firstStream }, { jobId: `go-live-again-${firstStream}` });
      expect(await finishedJob(`go-live-again-${firstStream}`)).toMatchObject({ mailsSent: 0, framesPublished: 0 });
      expect(goLiveMails(firstStream)).toHaveLength(1);
      expect(goLiveFrames(fan, firstStream)).toHaveLength(1);
    });

    it('notifies no one of a second stream within the hour', async () => {
      await commands.execute(new EndStreamCommand(firstStream, 'publisher_left', context()));
      const secondStream = await startStream(channel.channelId);
      expect(await finishedJob(goLiveJobId(secondStream))).toEqual({ streamId: secondStream, outcome: 'notified', followers: 0, mailsSent: 0, framesPublished: 0 });
      expect(goLiveMails(secondStream)).toEqual([]);
      expect(goLiveFrames(fan, secondStream)).toEqual([]);
      await commands.execute(new EndStreamCommand(secondStream, 'publisher_left', context()));
    });
  });

  it('notifies no one of a stream that ended before its job ran', async () => {
    const { channelId } = await channelFollowedBy([[fan, true]]);
    // Paused in Redis, for every worker at once: a worker already waiting for a job gets none meanwhile.
    await jobs.queue.pause();
    try {
      const streamId = await startStream(channelId);
      await commands.execute(new EndStreamCommand(streamId, 'publisher_silent', context()));
      await jobs.queue.resume();
      expect(await finishedJob(goLiveJobId(streamId))).toEqual({ streamId, outcome: 'stream_ended' });
      expect(goLiveMails(streamId)).toEqual([]);
      expect(goLiveFrames(fan, streamId)).toEqual([]);
    } finally {
      await jobs.queue.resume();
    }
  });

  it('sends on a retry only what a failed try did not', async () => {
    const second = await glint.given.user();
    await listening(second);
    // Their confirmation mail first, so the mail server turns away the go-live mail and not that one.
    await glint.mail.next(second.email, (mail) => mail.subject.startsWith('Confirm'));
    const { channelId } = await channelFollowedBy([
      [fan, true],
      [second, true],
    ]);
    await jobs.queue.pause();
    try {
      const streamId = await startStream(channelId);
      // Claimed in follower-id order; the mail server turns the second follower's mail away once.
      const [first, failing] = [fan, second].sort((a, b) => a.userId.localeCompare(b.userId));
      glint.mail.refuse(failing.email);
      const triedBefore = glint.mail.attempts.length;
      await expect(notify(streamId)).rejects.toMatchObject({ responseCode: 451 });
      await jobs.queue.resume();
      expect(await finishedJob(goLiveJobId(streamId))).toMatchObject({ followers: 2, mailsSent: 1 });
      // Handed to the mail server: the first follower's once, the other's refused try, then the retry's.
      expect(glint.mail.attempts.slice(triedBefore).map((attempt) => [attempt.to, attempt.refused])).toEqual([
        [first.email, false],
        [failing.email, true],
        [failing.email, false],
      ]);
      expect(goLiveMails(streamId).map((mail) => mail.to)).toEqual([first.email, failing.email]);
      expect(goLiveFrames(fan, streamId)).toHaveLength(1);
      expect(await inbox.get(second.userId)!.next((frame) => frame.id === `go-live:${streamId}`)).toMatchObject({ event: 'channel_live' });
    } finally {
      await jobs.queue.resume();
    }
  });
});
