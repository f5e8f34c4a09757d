import type { ProjectionEngine, ProjectionLogEntry } from '@glint/projection-engine';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { engineFor, record, tableRows } from '@glint/testing/projections';
import { ledger } from './projection';
import { accountBalance, trialBalance } from './queries';

const ANA = 'a0000000-0000-4000-8000-000000000001';
const BEN = 'b0000000-0000-4000-8000-000000000002';
const CLEO = 'c0000000-0000-4000-8000-000000000003';
const channel = { subscriberId: BEN, channelId: ANA, product: 'channel' };

describe('ledger', () => {
  let opened: TestStore;
  let engine: ProjectionEngine;
  let errors: ProjectionLogEntry[];

  beforeAll(async () => {
    opened = await openTestStore();
    ({ engine, errors } = engineFor(opened, [ledger]));
    await record(
      opened.store,
      `subscription-${BEN}-${ANA}`,
      {
        type: 'SubscriptionStarted',
        data: { ...channel, price: 500, feeBasisPoints: 1000, periodStart: '2026-12-01T00:00:00.000Z', periodEnd: '2027-01-01T00:00:00.000Z', paymentId: 'in_1', amount: 500, fee: 50, processorFee: 45 },
        occurredAt: '2026-12-01T00:00:00.000Z',
      },
      { type: 'SubscriptionCancelRequested', data: { ...channel, endsAt: '2027-01-01T00:00:00.000Z' }, occurredAt: '2026-12-02T00:00:00.000Z' },
      { type: 'PaymentRefunded', data: { paymentId: 'in_1', channelId: ANA, amount: 200 }, occurredAt: '2026-12-03T00:00:00.000Z' },
    );
    await record(
      opened.store,
      `subscription-${BEN}-platform`,
      {
        type: 'SubscriptionStarted',
        data: { subscriberId: BEN, channelId: null, product: 'founder', price: 2500, feeBasisPoints: 0, periodStart: '2026-12-01T00:00:00.000Z', periodEnd: '2027-01-01T00:00:00.000Z', paymentId: 'in_2', amount: 2500, fee: 2500, processorFee: null },
        occurredAt: '2026-12-01T00:00:00.000Z',
      },
    );
    await record(
      opened.store,
      'donation-ch_1',
      { type: 'DonationMade', data: { paymentId: 'ch_1', donorId: CLEO, channelId: ANA, amount: 1000, fee: 0, processorFee: 59 }, occurredAt: '2026-12-10T00:00:00.000Z' },
      { type: 'DisputeOpened', data: { paymentId: 'ch_1', disputeId: 'dp_1', channelId: ANA, amount: 1000 }, occurredAt: '2026-12-11T00:00:00.000Z' },
      { type: 'DisputeClosed', data: { paymentId: 'ch_1', disputeId: 'dp_1', channelId: ANA, amount: 1000, outcome: 'lost' }, occurredAt: '2027-01-05T00:00:00.000Z' },
    );
    const head = await record(opened.store, `payout-account-${ANA}`, { type: 'PayoutAccountEnabled', data: { userId: ANA, taxWithholdingPercent: 0 } });
    await engine.catchUp('ledger', head);
  });
  afterAll(async () => {
    await engine?.stop();
    await closeTestStore(opened ?? {});
  });

  it('books each money event as lines that balance, traced to the event', async () => {
    const rows = (await opened.sql.query('SELECT source_type, line, account, debit_cents::int AS debit, credit_cents::int AS credit FROM ledger_entries ORDER BY source_position, line')).rows;
    expect(rows).toEqual([
      { source_type: 'SubscriptionStarted', line: 1, account: 'cash:stripe', debit: 500, credit: 0 },
      { source_type: 'SubscriptionStarted', line: 2, account: 'revenue:platform', debit: 0, credit: 50 },
      { source_type: 'SubscriptionStarted', line: 3, account: `payable:streamer:${ANA}`, debit: 0, credit: 450 },
      { source_type: 'SubscriptionStarted', line: 4, account: 'fees:stripe', debit: 45, credit: 0 },
      { source_type: 'SubscriptionStarted', line: 5, account: 'cash:stripe', debit: 0, credit: 45 },
      { source_type: 'PaymentRefunded', line: 1, account: `payable:streamer:${ANA}`, debit: 200, credit: 0 },
      { source_type: 'PaymentRefunded', line: 2, account: 'cash:stripe', debit: 0, credit: 200 },
      { source_type: 'SubscriptionStarted', line: 1, account: 'cash:stripe', debit: 2500, credit: 0 },
      { source_type: 'SubscriptionStarted', line: 2, account: 'revenue:platform', debit: 0, credit: 2500 },
      { source_type: 'DonationMade', line: 1, account: 'cash:stripe', debit: 1000, credit: 0 },
      { source_type: 'DonationMade', line: 2, account: `payable:streamer:${ANA}`, debit: 0, credit: 1000 },
      { source_type: 'DonationMade', line: 3, account: `payable:streamer:${ANA}`, debit: 59, credit: 0 },
      { source_type: 'DonationMade', line: 4, account: 'cash:stripe', debit: 0, credit: 59 },
      { source_type: 'DisputeOpened', line: 1, account: 'disputes', debit: 1000, credit: 0 },
      { source_type: 'DisputeOpened', line: 2, account: 'cash:stripe', debit: 0, credit: 1000 },
      { source_type: 'DisputeClosed', line: 1, account: `payable:streamer:${ANA}`, debit: 1000, credit: 0 },
      { source_type: 'DisputeClosed', line: 2, account: 'disputes', debit: 0, credit: 1000 },
    ]);
  });

  it('gives an account’s balance as of a moment', async () => {
    const em = engine.entityManager();
    const payable = `payable:streamer:${ANA}`;
    // 450 − 200 refunded + 1000 donated − 59 processor fee; the lost dispute comes later.
    expect(await accountBalance(em, payable, new Date('2026-12-31T00:00:00.000Z'))).toEqual({ account: payable, debits: 259, credits: 1450, balance: -1191 });
    expect(await accountBalance(em, payable, new Date('2027-01-31T00:00:00.000Z'))).toEqual({ account: payable, debits: 1259, credits: 1450, balance: -191 });
    expect(await accountBalance(em, 'cash:stripe', new Date('2026-11-30T00:00:00.000Z'))).toEqual({ account: 'cash:stripe', debits: 0, credits: 0, balance: 0 });
  });

  it('gives a trial balance for a period, its debits equal to its credits', async () => {
    const december = await trialBalance(engine.entityManager(), new Date('2026-12-01T00:00:00.000Z'), new Date('2027-01-01T00:00:00.000Z'));
    expect(december.accounts).toEqual([
      { account: 'cash:stripe', debits: 4000, credits: 1304, balance: 2696 },
      { account: 'disputes', debits: 1000, credits: 0, balance: 1000 },
      { account: 'fees:stripe', debits: 45, credits: 0, balance: 45 },
      { account: `payable:streamer:${ANA}`, debits: 259, credits: 1450, balance: -1191 },
      { account: 'revenue:platform', debits: 0, credits: 2550, balance: -2550 },
    ]);
    expect(december.debits).toBe(5304);
    expect(december.credits).toBe(5304);
    const january = await trialBalance(engine.entityManager(), new Date('2027-01-01T00:00:00.000Z'), new Date('2027-02-01T00:00:00.000Z'));
    expect(january).toMatchObject({ debits: 1000, credits: 1000 });
  });

  it('rebuilds the same rows from the log', async () => {
    const live = await tableRows(opened.sql, 'ledger_entries', 'event_id, line');
    expect(live).toHaveLength(17);
    await engine.rebuild(['ledger']);
    expect(await tableRows(opened.sql, 'ledger_entries', 'event_id, line')).toEqual(live);
    expect(errors).toEqual([]);
  });
});
