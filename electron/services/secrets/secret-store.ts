import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../store';

/**
 * Encryption backed by the OS (Electron's safeStorage: Keychain, DPAPI, libsecret/kwallet). Main
 * injects it; services never import Electron, and the CLI and tests have none unless they give one.
 */
export interface SecretCipher {
  /** Whether strings can be protected here; when not, why (e.g. no keyring on this Linux desktop). */
  availability(): { available: true } | { available: false; reason: string };
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

export const NO_CIPHER_REASON =
  'No OS-backed encryption is available in this process (the command line and tests have none), so a key cannot be stored.';

/**
 * Secrets in the `secrets` table, only ever as ciphertext, each with the origin it was saved for (see
 * `OriginBoundSecret`). Without a cipher nothing is stored, never in plain text. `label` names the
 * secret in messages ("API key").
 */
export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  availability(): { available: boolean; reason: string | null } {
    if (!this.cipher) return { available: false, reason: NO_CIPHER_REASON };
    const a = this.cipher.availability();
    return a.available ? { available: true, reason: null } : { available: false, reason: a.reason };
  }

  /** Whether one is stored and the origin it was saved for (null: saved before secrets were bound, or never bound). */
  status(name: string): { stored: boolean; origin: string | null } {
    const row = this.db.prepare(`SELECT origin FROM secrets WHERE name = ?`).get(name) as { origin: string | null } | undefined;
    return row ? { stored: true, origin: row.origin } : { stored: false, origin: null };
  }

  set(name: string, value: string | null, options: { origin?: string | null; label?: string } = {}): void {
    if (value === null) {
      this.db.prepare(`DELETE FROM secrets WHERE name = ?`).run(name);
      return;
    }
    const availability = this.availability();
    if (!availability.available || !this.cipher) {
      throw new AppError(
        'conflict',
        `The ${options.label ?? 'secret'} was not stored: ${availability.reason} It is never kept in plain text.`,
      );
    }
    const ciphertext = this.cipher.encrypt(value);
    this.db
      .prepare(
        `INSERT INTO secrets (name, ciphertext, origin, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, origin = excluded.origin, updated_at = excluded.updated_at`,
      )
      .run(name, ciphertext, options.origin ?? null, this.now().toISOString());
  }

  /** Binds a secret stored without an origin to one; a secret already bound keeps its origin. */
  bindOrigin(name: string, origin: string): boolean {
    return this.db.prepare(`UPDATE secrets SET origin = ? WHERE name = ? AND origin IS NULL`).run(origin, name).changes > 0;
  }

  /** The plain value with its origin, or why it cannot be had. */
  get(name: string, label = 'secret'): { value: string; origin: string | null } | { value: null; reason: string | null } {
    const row = this.db.prepare(`SELECT ciphertext, origin FROM secrets WHERE name = ?`).get(name) as
      { ciphertext: Buffer; origin: string | null } | undefined;
    if (!row) return { value: null, reason: null };
    if (!this.cipher || !this.cipher.availability().available)
      return { value: null, reason: `the stored ${label} cannot be decrypted in this process` };
    try {
      return { value: this.cipher.decrypt(row.ciphertext), origin: row.origin };
    } catch (err) {
      return { value: null, reason: `the stored ${label} cannot be decrypted (${(err as Error).message})` };
    }
  }
}
