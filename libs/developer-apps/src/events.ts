import type { AppScope } from '@glint/access';

/** A user registered an app; its secret is known only to them, by its SHA-256 here. */
export type AppRegistered = {
  type: 'AppRegistered';
  data: { appId: string; ownerId: string; name: string; description: string; clientId: string; secretHash: string; scopes: AppScope[] };
};

/** The owner replaced the app's secret: tokens are issued only for the new one from now on. */
export type AppSecretRotated = { type: 'AppSecretRotated'; data: { appId: string; ownerId: string; secretHash: string } };

/** A client-credentials access token was issued; only its SHA-256 is kept. */
export type AppTokenIssued = {
  type: 'AppTokenIssued';
  data: { appId: string; ownerId: string; tokenHash: string; scopes: AppScope[]; expiresAt: string };
};

/** The owner deleted the app: no new token, and its tokens stop working. */
export type AppDeleted = { type: 'AppDeleted'; data: { appId: string; ownerId: string } };

export type DeveloperAppEvent = AppRegistered | AppSecretRotated | AppTokenIssued | AppDeleted;

export const appStreamName = (appId: string): string => `app-${appId}`;
