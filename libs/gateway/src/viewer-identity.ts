import { randomUUID } from 'node:crypto';
import type { PrincipalResolver } from '@glint/access';
import { ValidationError } from '@glint/domain-errors';

const VIEWER_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * Who watches, for semi-unique counts: a signed-in user (by session token) counts once however many
 * tabs; else the player's own anonymous id (X-Glint-Viewer, kept by the watch page); else each
 * session counts on its own. A token that resolves to no user only leaves the viewer anonymous:
 * watching needs no sign-in. Without a session resolver (a gateway running alone) every viewer is
 * anonymous.
 */
export async function viewerIdentity(bearer: string | null, viewerHeader: string | string[] | undefined, sessions: PrincipalResolver | null): Promise<string> {
  if (viewerHeader !== undefined && (typeof viewerHeader !== 'string' || !VIEWER_ID.test(viewerHeader))) {
    throw new ValidationError('invalid_viewer_id', 'X-Glint-Viewer is 8 to 64 letters, digits, "-" or "_".', 'X-Glint-Viewer');
  }
  if (bearer && sessions) {
    const principal = await sessions.resolve(bearer);
    if (principal?.kind === 'user') return `user:${principal.userId}`;
  }
  return `anon:${viewerHeader ?? randomUUID()}`;
}
