import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets';

/**
 * Secrets encrypted by the OS through safeStorage. On Linux without a keyring Electron falls back to
 * a hard-coded password (`basic_text`), which protects nothing, so that counts as unavailable.
 */
export const safeStorageCipher: SecretCipher = {
  availability() {
    if (!safeStorage.isEncryptionAvailable())
      return { available: false, reason: 'The operating system offers no encryption for secrets right now.' };
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        available: false,
        reason: 'No keyring (GNOME Keyring or KWallet) is available, so secrets could only be stored with a fixed password.',
      };
    }
    return { available: true };
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};
