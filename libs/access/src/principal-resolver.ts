import type { Principal } from './principal';

/** Provided by the identity context: turns a bearer token into the principal it stands for. */
export const PRINCIPAL_RESOLVER = Symbol('PrincipalResolver');

export interface PrincipalResolver {
  /** The principal, or null when the token is unknown, expired or revoked. */
  resolve(bearerToken: string): Promise<Exclude<Principal, { kind: 'anonymous' }> | null>;
}
