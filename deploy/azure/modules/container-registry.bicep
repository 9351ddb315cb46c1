// Azure Container Registry for the serving image. No admin user: the Web App pulls with its
// managed identity (AcrPull) and CI pushes with its OIDC identity (AcrPush).

param name string
param location string
@allowed(['Basic', 'Standard', 'Premium'])
param sku string
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = registry.name
output id string = registry.id
output loginServer string = registry.properties.loginServer
