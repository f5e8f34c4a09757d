import { readChannel } from '@glint/channels';
import type { InjectedFactory, PublicationsOf } from '@glint/live-updates';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { relayPublications } from './relay-publications';

/** Chat's part of the live relay, for `LiveRelayModule.register`: texts opened by the vault, handles from the channels read model. */
export const chatPublications: InjectedFactory<PublicationsOf> = {
  inject: [PERSONAL_DATA, READ_MODELS],
  useFactory: (vault: PersonalDataVault, readModels: ReadModels) => (events) =>
    relayPublications(events, {
      openTexts: (sealed) => vault.openMany(sealed),
      channelUsername: async (channelId) => (await readChannel(readModels.entityManager(), channelId))?.username ?? null,
    }),
};
