/** How a registry URL is opened: shared by the store table and each backend's opener. */
export interface OpenStoreOptions {
  /** Folder that relative `file:` paths are resolved against (the workspace root). */
  root: string;
  /** Azure connection string; defaults to AZURE_STORAGE_CONNECTION_STRING, else DefaultAzureCredential. */
  azureConnectionString?: string;
}
