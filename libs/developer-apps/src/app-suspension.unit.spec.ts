import { appSuspensionOf } from './app-suspension';

describe('an app’s suspension by its owner’s standing', () => {
  it.each([
    ['an owner in good standing suspends nothing', { globallyBanned: false, deleted: false }, null],
    ['a banned owner suspends their apps', { globallyBanned: true, deleted: false }, 'owner_globally_banned'],
    ['a deleted owner suspends them for good', { globallyBanned: false, deleted: true }, 'owner_deleted'],
    ['a deletion outlasts a ban', { globallyBanned: true, deleted: true }, 'owner_deleted'],
  ])('%s', (_, owner, suspension) => {
    expect(appSuspensionOf(owner)).toBe(suspension);
  });
});
