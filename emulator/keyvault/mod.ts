/**
 * The emulated Azure Key Vault secrets API.
 *
 * @module
 */

export {
  KEY_VAULT_API_VERSIONS,
  type KeyVaultEmulator,
  keyVaultService,
  type KeyVaultServiceOptions,
} from "./service.ts";
export { EmulatedVault, SECRET_NAME, type SecretVersion, type StoredSecret, VAULT_NAME } from "./store.ts";
