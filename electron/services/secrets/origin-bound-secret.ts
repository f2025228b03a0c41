import { AppError } from '../../../shared/ipc/result';
import { endpointOrigin, endpointProblem, savedForAnotherOrigin } from '../../../shared/security/endpoint';
import type { SecretStore } from './secret-store';

/** What a request to an endpoint may carry: the secret saved for that origin, or nothing and why. */
export type SecretForEndpoint =
  | { value: string }
  /** None is stored. */
  | { value: null; reason: 'none' }
  /** One is stored, for another origin (or, stored before binding, for none): it is not sent here. */
  | { value: null; reason: 'other_origin'; savedFor: string | null; message: string }
  /** The endpoint itself may not receive secrets (plain http to another computer). */
  | { value: null; reason: 'refused'; message: string }
  /** One is stored for this origin but cannot be decrypted in this process. */
  | { value: null; reason: 'unreadable'; message: string };

/**
 * One secret in the `SecretStore` bound to the origin (scheme://host:port) it was saved for. It is
 * handed out only for requests to that same origin, so a changed address asks for the secret again
 * instead of sending it elsewhere; and it is only saved for, and sent to, an endpoint that may receive
 * secrets (https, or plain http to this computer). The model's API key uses it; a team server's token
 * is meant to use it the same way (docs/data-safety.md).
 */
export class OriginBoundSecret {
  constructor(
    private readonly store: SecretStore,
    readonly name: string,
    /** How messages name it: "API key", "token". */
    readonly label: string,
  ) {}

  status(): { stored: boolean; origin: string | null } {
    return this.store.status(this.name);
  }

  /** Stores `value` for the origin of `endpoint`, replacing whatever was stored (for any origin). */
  save(value: string, endpoint: string): void {
    const problem = endpointProblem(endpoint);
    if (problem) throw new AppError('invalid_input', `The ${this.label} was not stored: its address ${problem}.`);
    this.store.set(this.name, value, { origin: endpointOrigin(endpoint), label: this.label });
  }

  clear(): void {
    this.store.set(this.name, null);
  }

  /** The secret to send with a request to `endpoint`: only the one saved for that very origin. */
  forEndpoint(endpoint: string): SecretForEndpoint {
    const problem = endpointProblem(endpoint);
    if (problem) return { value: null, reason: 'refused', message: `The address ${problem}.` };
    const { stored, origin: savedFor } = this.store.status(this.name);
    if (!stored) return { value: null, reason: 'none' };
    // Compared before decrypting: a secret for another origin is never even read for this request.
    if (savedFor !== endpointOrigin(endpoint)) {
      return { value: null, reason: 'other_origin', savedFor, message: savedForAnotherOrigin(savedFor, endpoint, this.label) };
    }
    const secret = this.store.get(this.name, this.label);
    if (secret.value !== null) return { value: secret.value };
    if (secret.reason) return { value: null, reason: 'unreadable', message: secret.reason };
    return { value: null, reason: 'none' };
  }

  /**
   * A secret stored before secrets were bound was being sent to whatever the address was; it is bound
   * to `endpoint`, the address it was last sent to, so it goes on working there and nowhere else.
   * Nothing happens when it is bound already, or when `endpoint` may not receive secrets.
   */
  bindUnbound(endpoint: string): boolean {
    const origin = endpointOrigin(endpoint);
    if (!origin || endpointProblem(endpoint)) return false;
    return this.store.bindOrigin(this.name, origin);
  }
}
