import type { Actor } from '@glint/eventstore';

/** Platform staff levels; a staff member is also a user. */
export const STAFF_ROLES = ['support', 'analyst', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a developer app's client-credentials token may do. */
export const APP_SCOPES = ['public', 'email', 'chat', 'follow', 'stream_info', 'streamkey'] as const;
export type AppScope = (typeof APP_SCOPES)[number];

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

/** A person signed in with a session. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  sessionId: string;
  staffRole: StaffRole | null;
  emailConfirmed: boolean;
  accountCreatedAt: Date;
}

/** A developer app calling the public API with a client-credentials token. */
export interface AppPrincipal {
  kind: 'app';
  appId: string;
  ownerId: string;
  scopes: AppScope[];
}

/** Who is asking. Authentication says who; what they may do is decided by each context's rules. */
export type Principal = AnonymousPrincipal | UserPrincipal | AppPrincipal;

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

/** The actor recorded in the metadata of the events a principal causes. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', userId: principal.userId, role: principal.staffRole ?? 'user' };
    case 'app':
      return { type: 'system', id: `app:${principal.appId}` };
    case 'anonymous':
      return { type: 'system', id: 'anonymous' };
  }
}

/**
 * Someone running Glint's own tools where it runs (the CLI): the platform acting on an operator's
 * word, recorded as a `system` actor. No request authenticates as one; only commands that say they
 * take it accept it.
 */
export interface OperatorPrincipal {
  kind: 'operator';
  /** The tool acting, as its events' actor id names it (`cli`). */
  id: string;
}
