// What the Web App's identities (production site and staging slot) may do: pull images from the
// registry, and read and write the model registry's blobs (the service fetches bundles; the admin
// API records promotions and rollbacks).

param registryName string
param storageAccountName string
@description('Principal ids of the site and its slot; an empty one (no slot in registryWebhook mode) is skipped.')
param principalIds array

// Built-in role definition ids (the same in every tenant).
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in principalIds: if (!empty(principalId)) {
    name: guid(registry.id, principalId, acrPullRoleId)
    scope: registry
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource blobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in principalIds: if (!empty(principalId)) {
    name: guid(account.id, principalId, storageBlobDataContributorRoleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
