import type { EntityManager } from '@mikro-orm/postgresql';

/** An account's debits and credits; its balance is debits minus credits (an account owed money, such as a payable, runs negative). */
export interface AccountBalance {
  account: string;
  debits: number;
  credits: number;
  balance: number;
}

export interface TrialBalance {
  from: Date;
  to: Date;
  accounts: AccountBalance[];
  debits: number;
  credits: number;
}

interface SumsRow {
  account: string;
  debits: string | null;
  credits: string | null;
}

const toBalance = (row: SumsRow): AccountBalance => {
  const debits = Number(row.debits ?? 0);
  const credits = Number(row.credits ?? 0);
  return { account: row.account, debits, credits, balance: debits - credits };
};

/** The account as of a moment: every line that happened by then. */
export async function accountBalance(em: EntityManager, account: string, asOf: Date): Promise<AccountBalance> {
  const [row] = await em.execute<SumsRow[]>(
    'SELECT ?::text AS account, SUM(debit_cents)::text AS debits, SUM(credit_cents)::text AS credits FROM ledger_entries WHERE account = ? AND occurred_at <= ?',
    [account, account, asOf],
  );
  return toBalance(row ?? { account, debits: null, credits: null });
}

/** Every account's debits and credits of the lines that happened in [from, to), and their totals: they are equal. */
export async function trialBalance(em: EntityManager, from: Date, to: Date): Promise<TrialBalance> {
  const rows = await em.execute<SumsRow[]>(
    'SELECT account, SUM(debit_cents)::text AS debits, SUM(credit_cents)::text AS credits FROM ledger_entries WHERE occurred_at >= ? AND occurred_at < ? GROUP BY account ORDER BY account',
    [from, to],
  );
  const accounts = rows.map(toBalance);
  return {
    from,
    to,
    accounts,
    debits: accounts.reduce((sum, account) => sum + account.debits, 0),
    credits: accounts.reduce((sum, account) => sum + account.credits, 0),
  };
}
