import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, expectStatus } from '@glint/testing';

/** A channel whose owner writes to its chat: the owner skips the channel's rules, so every message is a write. */
export interface ChattingOwner {
  username: string;
  token: string;
  channelId: string;
}

/** Registers a user, signs them in and opens their channel, through the HTTP API only. */
export async function chattingOwner(api: ApiClient): Promise<ChattingOwner> {
  const username = `owner_${randomBytes(5).toString('hex')}`;
  const password = 'correct horse battery staple';
  expectStatus(await api.post('/api/accounts', { username, email: `${username}@glint.test`, password }), 201, 'registering');
  const token: string = expectStatus(await api.post('/api/sessions', { username, password }), 201, 'signing in').body.token;
  const channelId: string = expectStatus(await api.post('/api/channels', {}, token), 201, 'opening the channel').body.channel.channelId;
  return { username, token, channelId };
}

/** One answer to a chat message sent under load. */
export interface SentMessage {
  text: string;
  status: number;
  error?: string;
  messageId?: string;
  /** Set when no answer came at all (the process was gone). */
  failure?: string;
}

/**
 * Senders that each post chat messages one after another until stopped, keeping every answer: the
 * write load a fault is injected under.
 */
export class ChatLoad {
  readonly answers: SentMessage[] = [];
  private running = true;
  private sent = 0;
  private readonly senders: Array<Promise<void>>;

  constructor(
    private api: ApiClient,
    private readonly owner: ChattingOwner,
    senders = 4,
  ) {
    this.senders = Array.from({ length: senders }, () => this.send());
  }

  /** Further messages go to another address (the same platform restarted on another port). */
  redirect(api: ApiClient): void {
    this.api = api;
  }

  acknowledged(): SentMessage[] {
    return this.answers.filter((answer) => answer.status >= 200 && answer.status < 300);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.senders);
  }

  private async send(): Promise<void> {
    while (this.running) {
      const text = `message ${++this.sent}`;
      try {
        const answer = await this.api.post(`/api/channels/${this.owner.username}/chat/messages`, { text }, this.owner.token);
        this.answers.push({ text, status: answer.status, error: answer.body?.error, messageId: answer.body?.messageId });
      } catch (error) {
        this.answers.push({ text, status: 0, failure: String(error) });
        // Nothing listens: the next attempt waits for the event loop's next turn, not a fixed time.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** The ids of the chat messages the channel's stream holds, read from the log itself, with repeats. */
export async function loggedMessageIds(databaseUrl: string, channelId: string): Promise<string[]> {
  return query(databaseUrl, `SELECT data->>'messageId' AS id FROM glint_events WHERE stream_name = $1 AND event_type = 'ChatMessageSent' ORDER BY position`, [`chat-${channelId}`]);
}

/** The ids of the channel's messages in the chat history read model. */
export async function projectedMessageIds(databaseUrl: string, channelId: string): Promise<string[]> {
  return query(databaseUrl, 'SELECT message_id AS id FROM chat_history WHERE channel_id = $1', [channelId]);
}

async function query(databaseUrl: string, text: string, params: unknown[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(text, params)).rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
