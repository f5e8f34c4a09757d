import type { Caller, Cast, Permission } from './cast';

export interface SocketActionSpec {
  /** The moderator permission the action turns on: the `moderatorWithout` column lacks just that one. */
  permission?: Permission;
  /** The frame the server answers a granted action with; a refusal is an `error` frame. */
  reply: string;
  /** Makes what the frame needs and answers its data. */
  data(caller: Caller, cast: Cast): Promise<unknown>;
}

/**
 * Every action a Glint WebSocket takes, as `<event> <path>`: the chat at /ws/chat and the live
 * updates at /ws/live. A caller connects with its token as `?token=`, as a browser does.
 */
export const SOCKET_ACTIONS = {
  'join /ws/chat': { reply: 'joined', data: async (_caller, cast) => ({ channel: cast.owner.username }) },
  'leave /ws/chat': { reply: 'left', data: async (_caller, cast) => ({ channel: cast.owner.username }) },
  'send /ws/chat': { reply: 'sent', data: async (_caller, cast) => ({ channel: cast.owner.username, text: 'hello from a socket' }) },
  'delete /ws/chat': { permission: 'deleteMessage', reply: 'deleted', data: async (_caller, cast) => ({ channel: cast.owner.username, messageId: await cast.kept('a message', () => cast.message()) }) },
  'subscribe /ws/live': { reply: 'subscribed', data: async (_caller, cast) => ({ topic: `channel:${cast.owner.username}` }) },
  'unsubscribe /ws/live': { reply: 'unsubscribed', data: async (_caller, cast) => ({ topic: `channel:${cast.owner.username}` }) },
} satisfies Record<string, SocketActionSpec>;

export type SocketAction = keyof typeof SOCKET_ACTIONS;
