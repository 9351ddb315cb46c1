// The storage account behind the model registry (azblob://<account>/models) and the DVC remote
// (azure://dvc). No public blobs, TLS 1.2, and by default identity-only access (no shared keys).

param name string
param location string
param allowSharedKeyAccess bool
param tags object

var containers = ['models', 'dvc']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 14 }
    containerDeleteRetentionPolicy: { enabled: true, days: 14 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobs
    name: container
    properties: { publicAccess: 'None' }
  }
]

output name string = account.name
output id string = account.id
output modelRegistryUrl string = 'azblob://${account.name}/${containers[0]}'
output dvcRemoteUrl string = 'azure://${containers[1]}'
