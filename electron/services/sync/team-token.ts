import { AppError } from '../../../shared/ipc/result';
import type { SecretStore } from '../interviewer';
import { serverOrigin, serverProblem } from './server-address';

export const TEAM_TOKEN_SECRET = 'teamSync.token';

/** What a request to the team's server may carry: the token saved for that origin, or why there is none. */
export type TokenForServer =
  { value: string } | { value: null; reason: 'none' | 'other_origin' | 'refused' | 'unreadable'; message: string };

/**
 * The team's token in the encrypted `SecretStore`, bound to the origin it was saved for: the origin is
 * encrypted with the token, so nothing short of the token's owner can move it to another server. It is
 * handed out only for a request to that very origin; a changed server URL asks for the token again.
 */
export class TeamToken {
  constructor(private readonly secrets: SecretStore) {}

  /** Whether a token is stored, and for which origin when this process can read it. */
  status(): { stored: boolean; origin: string | null } {
    if (!this.secrets.has(TEAM_TOKEN_SECRET)) return { stored: false, origin: null };
    const saved = this.read();
    return { stored: true, origin: saved && 'origin' in saved ? saved.origin : null };
  }

  canStore(): { available: boolean; reason: string | null } {
    return this.secrets.availability();
  }

  /** Stores `token` for the origin of `serverUrl`, replacing any token stored before (for any origin). */
  save(token: string, serverUrl: string): void {
    const problem = serverProblem(serverUrl);
    if (problem) throw new AppError('invalid_input', `The token was not stored: the server address ${problem}.`);
    const availability = this.secrets.availability();
    if (!availability.available)
      throw new AppError('conflict', `The token was not stored: ${availability.reason} It is never kept in plain text.`);
    const value = token.trim();
    if (value.length === 0 || value.length > 4096 || /\s/.test(value))
      throw new AppError('invalid_input', 'The token was not stored: a token is one word of at most 4096 characters.');
    this.secrets.set(TEAM_TOKEN_SECRET, JSON.stringify({ origin: serverOrigin(serverUrl), token: value }));
  }

  clear(): void {
    this.secrets.set(TEAM_TOKEN_SECRET, null);
  }

  /** The token to send with a request to `serverUrl`: only the one saved for that very origin. */
  forServer(serverUrl: string): TokenForServer {
    const problem = serverProblem(serverUrl);
    if (problem) return { value: null, reason: 'refused', message: `The server address ${problem}.` };
    if (!this.secrets.has(TEAM_TOKEN_SECRET)) return { value: null, reason: 'none', message: 'No team token is stored.' };
    const saved = this.read();
    if (!saved || 'unreadable' in saved)
      return { value: null, reason: 'unreadable', message: saved?.unreadable ?? 'The stored token cannot be read.' };
    const origin = serverOrigin(serverUrl);
    if (saved.origin !== origin) {
      return {
        value: null,
        reason: 'other_origin',
        message: `The stored token was saved for ${saved.origin}; enter the token for ${origin}.`,
      };
    }
    return { value: saved.token };
  }

  private read(): { origin: string; token: string } | { unreadable: string } | null {
    const secret = this.secrets.get(TEAM_TOKEN_SECRET);
    if (secret.value === null)
      return secret.reason ? { unreadable: `The stored token cannot be read here: ${secret.reason.replace(/API key/g, 'token')}.` } : null;
    try {
      const parsed = JSON.parse(secret.value) as { origin?: unknown; token?: unknown };
      if (typeof parsed.origin === 'string' && typeof parsed.token === 'string') return { origin: parsed.origin, token: parsed.token };
    } catch {
      // falls through: a stored value that is not ours is as good as none
    }
    return { unreadable: 'The stored token is damaged; enter it again.' };
  }
}
