import { AppError } from '../../../shared/ipc/result';
import { OriginBoundSecret, type SecretStore } from '../secrets';
import { serverProblem } from './server-address';

export const TEAM_TOKEN_SECRET = 'teamSync.token';

/** What a request to the team's server may carry: the token saved for that origin, or why there is none. */
export type TokenForServer =
  { value: string } | { value: null; reason: 'none' | 'other_origin' | 'refused' | 'unreadable'; message: string };

/**
 * The team's token: an `OriginBoundSecret` like the model's API key (docs/data-safety.md), so it is handed
 * out only for a request to the origin it was saved for, and a changed server URL asks for it again.
 */
export class TeamToken {
  private readonly secret: OriginBoundSecret;

  constructor(private readonly secrets: SecretStore) {
    this.secret = new OriginBoundSecret(secrets, TEAM_TOKEN_SECRET, 'token');
  }

  /** Whether a token is stored, and for which origin. */
  status(): { stored: boolean; origin: string | null } {
    return this.secret.status();
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
    this.secret.save(value, serverUrl);
  }

  clear(): void {
    this.secret.clear();
  }

  /** The token to send with a request to `serverUrl`: only the one saved for that very origin. */
  forServer(serverUrl: string): TokenForServer {
    const problem = serverProblem(serverUrl);
    if (problem) return { value: null, reason: 'refused', message: `The server address ${problem}.` };
    const found = this.secret.forEndpoint(serverUrl);
    if (found.value !== null) return { value: found.value };
    if (found.reason === 'none') return { value: null, reason: 'none', message: 'No team token is stored.' };
    return { value: null, reason: found.reason, message: found.message };
  }
}
