import type { Role, SanctionedRole } from './matrix';

export type SecretKind =
  | 'e-mail address'
  | 'support ticket text'
  | 'report notes'
  | 'stream key'
  | 'session token'
  | 'client secret'
  | 'two-factor secret'
  | 'confirmation token';

/**
 * Where the support desk (support and admin staff) is shown other people's personal data: an
 * account's history and state, the tickets, the report queue. Nothing else is ever shown to anyone
 * but its owner: not an address elsewhere, and no credential anywhere (a stream key, a session, a
 * client secret, a two-factor secret, a confirmation link, a password hash).
 */
const SHOWN_TO_THE_SUPPORT_DESK: Partial<Record<SecretKind, RegExp>> = {
  'e-mail address': /^GET \/api\/support\/accounts\//,
  'support ticket text': /^(GET|POST) \/api\/support\//,
  'report notes': /^GET \/api\/(staff\/reports|support\/accounts\/)/,
};
const SUPPORT_DESK: readonly (Role | SanctionedRole)[] = ['support', 'admin'];

/** What argon2 hashes look like; which account one belongs to does not matter. */
const PASSWORD_HASH = /\$argon2/;

/** Who reads an answer, and where: a route (`GET /api/…`) or a WebSocket action (`join /ws/chat`). */
export interface Reader {
  role: Role | SanctionedRole;
  userId: string | undefined;
  where: string;
}

/**
 * What only its owner may be shown, by whom it belongs to: every answer the matrix gets is
 * searched for the secrets of anyone but its reader, so a leak shows up on whatever route it is.
 */
export class Secrets {
  private readonly known = new Map<string, { kind: SecretKind; ownerId: string }>();

  add(kind: SecretKind, value: string, ownerId: string): void {
    this.known.set(value, { kind, ownerId });
  }

  /** Learns the secrets a successful answer hands its caller: a new stream key, client secret or session. */
  learnFrom(body: unknown, callerId: string | undefined): void {
    if (typeof body !== 'object' || body === null) return;
    const fields = body as Record<string, unknown>;
    if (typeof fields.streamKey === 'string' && callerId) this.add('stream key', fields.streamKey, callerId);
    if (typeof fields.clientSecret === 'string' && callerId) this.add('client secret', fields.clientSecret, callerId);
    if (typeof fields.token === 'string' && typeof fields.userId === 'string') this.add('session token', fields.token, fields.userId);
  }

  /** What the answer shows its reader that it should not, each said in words; empty when nothing. */
  exposedTo(reader: Reader, answer: unknown): string[] {
    const text = JSON.stringify(answer);
    const exposed = [...this.known]
      .filter(([value, secret]) => secret.ownerId !== reader.userId && text.includes(value) && !this.shownToTheDesk(secret.kind, reader))
      .map(([, secret]) => `the ${secret.kind} of user ${secret.ownerId}`);
    return PASSWORD_HASH.test(text) ? [...exposed, 'a password hash'] : exposed;
  }

  private shownToTheDesk(kind: SecretKind, reader: Reader): boolean {
    return SUPPORT_DESK.includes(reader.role) && (SHOWN_TO_THE_SUPPORT_DESK[kind]?.test(reader.where) ?? false);
  }
}
