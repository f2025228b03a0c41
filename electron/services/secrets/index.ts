export { SecretStore, NO_CIPHER_REASON, type SecretCipher } from './secret-store';
export { OriginBoundSecret, type SecretForEndpoint } from './origin-bound-secret';
