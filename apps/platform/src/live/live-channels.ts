import { existingChannel } from '@glint/channels';
import type { ChannelIdOf, InjectedFactory } from '@glint/live-updates';
import { READ_MODELS, type ReadModels } from '@glint/runtime';

/** /ws/live finds a `channel:<username>` topic's channel in the channels read model. */
export const channelIdFromReadModels: InjectedFactory<ChannelIdOf> = {
  inject: [READ_MODELS],
  useFactory: (readModels: ReadModels) => async (username: string) => (await existingChannel(readModels.entityManager(), username)).channelId,
};
