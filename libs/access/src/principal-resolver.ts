import type { Principal } from './principal';

/** Provided by the identity context: turns a bearer token into the principal it stands for. */
export const PRINCIPAL_RESOLVER = Symbol('PrincipalResolver');

export interface PrincipalResolver {
  /** The principal, or null when the token is unknown, expired or revoked. */
  resolve(bearerToken: string): Promise<Exclude<Principal, { kind: 'anonymous' }> | null>;
}

/**
 * Tokens say what they are by their prefix, so each context resolves only its own: the identity
 * context the users' session tokens, the developer-apps context the apps' access tokens.
 */
export const SESSION_TOKEN_PREFIX = 'gls_';
export const APP_TOKEN_PREFIX = 'gla_';
/** Provided by the identity context: resolves `gls_…` session tokens. */
export const SESSION_TOKEN_RESOLVER = Symbol('SessionTokenResolver');
/** Provided by the developer-apps context: resolves `gla_…` app tokens. */
export const APP_TOKEN_RESOLVER = Symbol('AppTokenResolver');
