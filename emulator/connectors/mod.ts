/**
 * The emulated custom-connector APIs (PowerApps resource provider and Power Platform connectivity).
 *
 * @module
 */

export { type ConnectorsEmulator, connectorsService, type ConnectorsServiceOptions } from "./service.ts";
export { ConnectorStore, type StoredBlob, type StoredConnector } from "./store.ts";
