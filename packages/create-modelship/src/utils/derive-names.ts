/** The Azure resources a workspace deploys to. */
export interface AzureNames {
  resourceGroup: string;
  webApp: string;
  containerRegistry: string;
  storageAccount: string;
}

/** A valid npm package name made from any folder name ("My App" -> "my-app"). */
export function toPackageName(folderName: string): string {
  const name = folderName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'modelship-app' : name;
}

/**
 * Default Azure names derived from the project name, valid by construction
 * (rg-<name>, app-<name>, acr<name>, st<name>, cut and padded to Azure's lengths).
 */
export function deriveAzureNames(projectName: string): AzureNames {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const alphanumeric = slug.replace(/-/g, '');
  return {
    resourceGroup: `rg-${slug}`.slice(0, 90).replace(/[-.]+$/, ''),
    webApp: `app-${slug}`.slice(0, 60).replace(/-+$/, ''),
    containerRegistry: `acr${alphanumeric}`.slice(0, 50).padEnd(5, '0'),
    storageAccount: `st${alphanumeric}`.slice(0, 24).padEnd(3, '0'),
  };
}
