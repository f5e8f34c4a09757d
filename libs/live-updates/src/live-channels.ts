/**
 * The id of the channel a `channel:<username>` topic names; refuses a channel that does not exist
 * (`channel_not_found`). The channels context answers it, through whoever composes the process.
 */
export type ChannelIdOf = (username: string) => Promise<string>;

export const CHANNEL_ID_OF = Symbol('ChannelIdOf');
