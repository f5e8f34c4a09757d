import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE } from '@glint/runtime';
import { ApiClient } from '../api-client';
import type { GivenUser } from './given';
import type { PlatformUnderTest } from './platform-under-test';
import { SocketClient } from './chat-socket-client';

export const NO_PERMISSIONS = { timeout: false, unTimeout: false, ban: false, unban: false, deleteMessage: false, edit: false };

/** What chat tests do to a running platform, through its HTTP routes and sockets. */
export class ChatScenario {
  readonly api: ApiClient;
  private readonly sockets: SocketClient[] = [];

  constructor(private readonly platform: PlatformUnderTest) {
    this.api = new ApiClient(platform.baseUrl);
  }

  /** Opens the owner's channel with these chat settings; answers its id. */
  async channel(owner: GivenUser, settings: Record<string, unknown> = {}): Promise<string> {
    const created = await this.api.post('/api/channels', settings, owner.token);
    if (created.status !== 201) throw new Error(`Opening the channel of ${owner.username} answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.channel.channelId;
  }

  async moderator(channel: GivenUser, moderator: GivenUser, permissions: Partial<typeof NO_PERMISSIONS>): Promise<void> {
    const set = await this.api.put(`/api/channels/${channel.username}/moderators/${moderator.username}`, { permissions: { ...NO_PERMISSIONS, ...permissions } }, channel.token);
    if (set.status !== 200) throw new Error(`Appointing ${moderator.username} answered ${set.status}: ${JSON.stringify(set.body)}`);
  }

  /** A socket on /ws/chat (or another path), signed in with the user's session when one is given. */
  async socket(user?: GivenUser, path = '/ws/chat', platform: PlatformUnderTest = this.platform): Promise<SocketClient> {
    const socket = await SocketClient.connect(`${platform.wsUrl}${path}${user ? `?token=${user.token}` : ''}`);
    this.sockets.push(socket);
    return socket;
  }

  /** A socket that has joined the channel's chat, with the `joined` frame it got. */
  async joined(channel: string, user?: GivenUser, platform?: PlatformUnderTest): Promise<{ socket: SocketClient; joined: any }> {
    const socket = await this.socket(user, '/ws/chat', platform);
    const joined = await socket.request('join', { channel }, ['joined', 'error']);
    if (joined.event !== 'joined') throw new Error(`Joining ${channel} answered ${JSON.stringify(joined)}`);
    return { socket, joined: joined.data };
  }

  /** The events of a channel's chat stream, to tell that a refusal recorded nothing. */
  async chatStream(channelId: string) {
    return this.platform.app.get<EventStore>(EVENT_STORE, { strict: false }).readStream(`chat-${channelId}`);
  }

  closeSockets(): void {
    for (const socket of this.sockets) socket.close();
  }
}
