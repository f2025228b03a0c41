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

/** Secrets in the `secrets` table, only ever as ciphertext. Without a cipher nothing is stored, never in plain text. */
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

  has(name: string): boolean {
    return this.db.prepare(`SELECT 1 FROM secrets WHERE name = ?`).get(name) !== undefined;
  }

  set(name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare(`DELETE FROM secrets WHERE name = ?`).run(name);
      return;
    }
    const availability = this.availability();
    if (!availability.available || !this.cipher) {
      throw new AppError('conflict', `The API key was not stored: ${availability.reason} It is never kept in plain text.`);
    }
    const ciphertext = this.cipher.encrypt(value);
    this.db
      .prepare(
        `INSERT INTO secrets (name, ciphertext, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
      )
      .run(name, ciphertext, this.now().toISOString());
  }

  /** The plain value, or why it cannot be had. */
  get(name: string): { value: string } | { value: null; reason: string | null } {
    const row = this.db.prepare(`SELECT ciphertext FROM secrets WHERE name = ?`).get(name) as { ciphertext: Buffer } | undefined;
    if (!row) return { value: null, reason: null };
    if (!this.cipher || !this.cipher.availability().available)
      return { value: null, reason: 'the stored API key cannot be decrypted in this process' };
    try {
      return { value: this.cipher.decrypt(row.ciphertext) };
    } catch (err) {
      return { value: null, reason: `the stored API key cannot be decrypted (${(err as Error).message})` };
    }
  }
}
