import { readChannel } from '@glint/channels';
import type { InjectedFactory, PublicationsOf } from '@glint/live-updates';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA, READ_MODELS, type ReadModels } from '@glint/runtime';
import { relayPublications } from './relay-publications';

/** Chat's part of the live relay, for `LiveRelayModule.register`: texts opened by the vault, handles from the channels read model. */
export const chatPublications: InjectedFactory<PublicationsOf> = {
  inject: [PERSONAL_DATA, READ_MODELS],
  useFactory: (vault: PersonalDataVault, readModels: ReadModels) => {
    const usernames = new KnownUsernames(KNOWN_USERNAMES);
    const channelUsername = async (channelId: string): Promise<string | null> => {
      const known = usernames.get(channelId);
      if (known !== undefined) return known;
      const username = (await readChannel(readModels.entityManager(), channelId))?.username ?? null;
      if (username !== null) usernames.set(channelId, username);
      return username;
    };
    return (events) => relayPublications(events, { openTexts: (sealed) => vault.openMany(sealed), channelUsername });
  },
};

/** Channels whose handles the relay keeps at hand; past it the least recently used is looked up again. */
const KNOWN_USERNAMES = 10_000;

/**
 * A channel's handle is its owner's username, which never changes (a deleted channel keeps it), so
 * once read it is kept: a channel changed often is not looked up once per change.
 */
class KnownUsernames {
  private readonly byChannel = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(channelId: string): string | undefined {
    const username = this.byChannel.get(channelId);
    if (username !== undefined) {
      this.byChannel.delete(channelId);
      this.byChannel.set(channelId, username);
    }
    return username;
  }

  set(channelId: string, username: string): void {
    this.byChannel.delete(channelId);
    this.byChannel.set(channelId, username);
    if (this.byChannel.size > this.capacity) this.byChannel.delete(this.byChannel.keys().next().value as string);
  }
}
