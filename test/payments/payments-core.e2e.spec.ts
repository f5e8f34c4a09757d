import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { ConflictError, ValidationError } from '@glint/domain-errors';
import { commandContext, systemActor } from '@glint/event-sourcing';
import { CancelSubscriptionCommand, MakeDonationCommand, RecordPayoutAccountCommand, StartSubscriptionCommand } from '@glint/payments';
import { READ_MODELS, type ReadModels } from '@glint/runtime';
import { expectStatus } from '@glint/testing';
import { eventStore, headPosition, service, usePlatform, type GivenUser } from '@glint/testing/platform';

const context = (now = new Date('2026-12-01T10:00:00.000Z')) => commandContext(systemActor(), { now, correlationId: `c-${randomUUID()}` });
const charge = (paymentId: string) => ({ paymentId, processorFee: 45, periodStart: new Date('2026-12-01T00:00:00.000Z'), periodEnd: new Date('2027-01-01T00:00:00.000Z') });

describe('the payments context', () => {
  // A price set now: what the subscriptions below record.
  const glint = usePlatform({ env: { PAYMENTS_CHANNEL_PRICE_CENTS: '799', PAYMENTS_FOUNDER_PRICE_CENTS: '3000' } });
  let commands: CommandBus;
  let streamer: GivenUser;
  let viewer: GivenUser;
  let channelId: string;

  beforeAll(async () => {
    commands = service(glint.platform, CommandBus);
    streamer = await glint.given.user();
    viewer = await glint.given.user();
    const created = expectStatus(await glint.api.post('/api/channels', { title: 'Speedrun night', tags: ['speedrun'] }, streamer.token), 201, 'opening a channel');
    channelId = created.body.channel.channelId;
    await service<ReadModels>(glint.platform, READ_MODELS).catchUp('channel_page', await headPosition(glint.platform));
  });

  const subscribe = (paymentId: string, now?: Date) => commands.execute(new StartSubscriptionCommand(viewer.userId, { channel: streamer.username }, charge(paymentId), context(now)));
  const streamOf = async (name: string) => (await eventStore(glint.platform).readStream(name)).map(({ type, data }) => ({ type, data }));

  it('refuses a subscription to a channel whose owner cannot receive money yet', async () => {
    await expect(subscribe('in_0')).rejects.toMatchObject({ code: 'channel_cannot_receive_money' });
    await expect(subscribe('in_0')).rejects.toBeInstanceOf(ConflictError);
  });

  it('subscribes at the configured price and fee once the owner can receive money, and only once', async () => {
    await commands.execute(new RecordPayoutAccountCommand(streamer.userId, { enabled: true, taxWithholdingPercent: 10 }, context()));
    expect(await subscribe('in_1')).toEqual({ channelId, product: 'channel', started: true });
    await expect(subscribe('in_2')).rejects.toMatchObject({ code: 'already_subscribed' });
    expect(await streamOf(`subscription-${viewer.userId}-${channelId}`)).toEqual([
      {
        type: 'SubscriptionStarted',
        data: expect.objectContaining({ subscriberId: viewer.userId, channelId, product: 'channel', price: 799, feeBasisPoints: 1000, amount: 799, fee: 79, paymentId: 'in_1', processorFee: 45 }),
      },
    ]);
  });

  it('cancels at the period’s end, and subscribing again before then undoes the cancel', async () => {
    expect(await commands.execute(new CancelSubscriptionCommand(viewer.userId, channelId, context()))).toEqual({ endsAt: '2027-01-01T00:00:00.000Z' });
    expect(await subscribe('in_3', new Date('2026-12-20T00:00:00.000Z'))).toEqual({ channelId, product: 'channel', started: false });
    expect((await streamOf(`subscription-${viewer.userId}-${channelId}`)).map((event) => event.type)).toEqual(['SubscriptionStarted', 'SubscriptionCancelRequested', 'SubscriptionCancelUndone']);
  });

  it('refuses subscribing to yourself, naming the field', async () => {
    const refused = commands.execute(new StartSubscriptionCommand(streamer.userId, { channel: streamer.username }, charge('in_4'), context()));
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({ code: 'cannot_subscribe_to_self', field: 'channel' });
  });

  it('subscribes to the platform at the configured price, all of it the platform’s', async () => {
    expect(await commands.execute(new StartSubscriptionCommand(viewer.userId, { product: 'founder' }, charge('in_5'), context()))).toEqual({ channelId: null, product: 'founder', started: true });
    expect(await streamOf(`subscription-${viewer.userId}-platform`)).toEqual([{ type: 'SubscriptionStarted', data: expect.objectContaining({ product: 'founder', price: 3000, amount: 3000, fee: 3000 }) }]);
  });

  it('records a donation once, and refuses one out of range naming the amount', async () => {
    expect(await commands.execute(new MakeDonationCommand(viewer.userId, streamer.username, 'ch_1', 2500, null, context()))).toEqual({ channelId, recorded: true });
    expect(await commands.execute(new MakeDonationCommand(viewer.userId, streamer.username, 'ch_1', 2500, null, context()))).toEqual({ channelId, recorded: false });
    await expect(commands.execute(new MakeDonationCommand(viewer.userId, streamer.username, 'ch_2', 99.5, null, context()))).rejects.toMatchObject({ code: 'fractional_amount', field: 'amount' });
    await expect(commands.execute(new MakeDonationCommand(viewer.userId, streamer.username, 'ch_2', 10_001, null, context()))).rejects.toMatchObject({ code: 'donation_out_of_range', field: 'amount' });
    expect(await streamOf('donation-ch_2')).toEqual([]);
  });
});
