import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { seededRandom } from '@glint/testing';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, record, tableRows, type Fact } from '@glint/testing/projections';
import { ledger } from './projection';
import { accountBalance, trialBalance } from './queries';

const STREAMERS = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004'];
const VIEWERS = ['b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000003'];
const START = Date.parse('2026-12-01T00:00:00.000Z');
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const WEEKS = 12;

interface Payment {
  paymentId: string;
  stream: string;
  channelId: string | null;
  amount: number;
  left: number;
  dispute: { id: string; amount: number } | null;
}

/** Money events as the payment streams record them, with what each streamer is owed by the payout formula. */
function plan(count: number, random: () => number): { appends: Array<{ stream: string; fact: Fact }>; owed: Map<string, number> } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const cents = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const owed = new Map(STREAMERS.map((id) => [id, 0]));
  const owe = (channelId: string | null, cents: number) => channelId !== null && owed.set(channelId, (owed.get(channelId) as number) + cents);
  const payments: Payment[] = [];
  const appends: Array<{ stream: string; fact: Fact }> = [];
  let clock = START;
  for (let index = 0; index < count; index += 1) {
    clock += Math.floor((random() * WEEKS * WEEK) / count);
    const occurredAt = new Date(clock).toISOString();
    const paymentId = `pay-${index}`;
    const open = payments.filter((payment) => payment.left > 0 && payment.dispute === null);
    const disputed = payments.filter((payment) => payment.dispute !== null);
    const roll = random();
    if (roll < 0.45 || open.length === 0) {
      const platform = random() < 0.25;
      const channelId = platform ? null : pick(STREAMERS);
      const price = platform ? pick([500, 2500]) : cents(100, 3000);
      const feeBasisPoints = platform ? 0 : pick([1000, 1500, 333]);
      const fee = platform ? price : Math.trunc((price * feeBasisPoints) / 10_000);
      const processorFee = random() < 0.5 ? null : cents(0, 100);
      const type = pick(['SubscriptionStarted', 'SubscriptionRenewed', 'GiftSubscriptionGiven']);
      const subscriberId = pick(VIEWERS);
      const stream = `subscription-${subscriberId}-${channelId ?? 'platform'}`;
      const product = platform ? pick(['supporter', 'founder']) : 'channel';
      const period = { periodStart: occurredAt, periodEnd: new Date(clock + 30 * DAY).toISOString() };
      const money = { paymentId, amount: price, fee, processorFee };
      const data =
        type === 'SubscriptionRenewed'
          ? { subscriberId, channelId, product, ...period, ...money }
          : { subscriberId, channelId, product, price, feeBasisPoints, ...period, ...money, ...(type === 'GiftSubscriptionGiven' ? { gifterId: pick(VIEWERS) } : {}) };
      appends.push({ stream, fact: { type, data, occurredAt } });
      owe(channelId, price - fee);
      payments.push({ paymentId, stream, channelId, amount: price, left: price, dispute: null });
    } else if (roll < 0.65) {
      const channelId = pick(STREAMERS);
      const amount = cents(100, 10_000);
      const processorFee = random() < 0.5 ? null : cents(0, 100);
      const stream = `donation-${paymentId}`;
      appends.push({ stream, fact: { type: 'DonationMade', data: { paymentId, donorId: pick(VIEWERS), channelId, amount, fee: 0, processorFee }, occurredAt } });
      owe(channelId, amount - (processorFee ?? 0));
      payments.push({ paymentId, stream, channelId, amount, left: amount, dispute: null });
    } else if (roll < 0.8) {
      const payment = pick(open);
      const amount = cents(1, payment.left);
      payment.left -= amount;
      appends.push({ stream: payment.stream, fact: { type: 'PaymentRefunded', data: { paymentId: payment.paymentId, channelId: payment.channelId, amount }, occurredAt } });
      owe(payment.channelId, -amount);
    } else if (roll < 0.9 || disputed.length === 0) {
      const payment = pick(open);
      payment.dispute = { id: `dp-${index}`, amount: cents(1, payment.left) };
      appends.push({ stream: payment.stream, fact: { type: 'DisputeOpened', data: { paymentId: payment.paymentId, disputeId: payment.dispute.id, channelId: payment.channelId, amount: payment.dispute.amount }, occurredAt } });
    } else {
      const payment = pick(disputed);
      const { id, amount } = payment.dispute as { id: string; amount: number };
      const outcome = random() < 0.5 ? 'won' : 'lost';
      payment.dispute = null;
      if (outcome === 'lost') {
        payment.left -= amount;
        owe(payment.channelId, -amount);
      }
      appends.push({ stream: payment.stream, fact: { type: 'DisputeClosed', data: { paymentId: payment.paymentId, disputeId: id, channelId: payment.channelId, amount, outcome }, occurredAt } });
    }
  }
  return { appends, owed };
}

describe('the ledger over random money events', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];
  const { appends, owed } = plan(1000, seededRandom(20261212));
  const end = new Date(START + (WEEKS + 1) * WEEK);

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [ledger]));
    let head = 0;
    for (const { stream, fact } of appends) head = await record(opened.store, stream, fact);
    await engine.catchUp('ledger', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('books every one of the 1,000 events, each balanced', async () => {
    const perEvent = (await opened.sql.query('SELECT event_id, SUM(debit_cents) - SUM(credit_cents) AS difference FROM ledger_entries GROUP BY event_id')).rows;
    expect(perEvent).toHaveLength(1000);
    expect(perEvent.filter((row) => Number(row.difference) !== 0)).toEqual([]);
  });

  it('balances overall and in every week', async () => {
    const em = engine.entityManager();
    const whole = await trialBalance(em, new Date(START), end);
    expect(whole.debits).toBeGreaterThan(0);
    expect(whole.debits).toBe(whole.credits);
    for (let week = 0; week <= WEEKS; week += 1) {
      const period = await trialBalance(em, new Date(START + week * WEEK), new Date(START + (week + 1) * WEEK));
      expect({ week, debits: period.debits }).toEqual({ week, debits: period.credits });
    }
  });

  it('owes each streamer price − fee − refunds − disputes lost of their events', async () => {
    const em = engine.entityManager();
    for (const streamer of STREAMERS) {
      const payable = await accountBalance(em, `payable:streamer:${streamer}`, end);
      expect({ streamer, owed: -payable.balance }).toEqual({ streamer, owed: owed.get(streamer) });
    }
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'ledger_entries', 'event_id, line');
    await engine.rebuild(['ledger']);
    expect(await tableRows(opened.sql, 'ledger_entries', 'event_id, line')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
