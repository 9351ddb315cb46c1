// Continuous deployment from the registry (deploymentMode registryWebhook): an ACR webhook calls
// the Web App's Kudu endpoint on every push of the image tag, and the site (DOCKER_ENABLE_CI on)
// pulls the new image and restarts. Kudu authenticates the call with the site's publishing
// credentials, carried in the hook's URL, so basic auth stays on for the SCM site only.

param registryName string
param webAppName string
param location string
@description('Repository and tag whose pushes trigger a deployment, e.g. modelship-serving:latest.')
param imageScope string
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: webAppName
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: { allow: true }
}

var publishingCredentials = list(
  '${site.id}/config/publishingcredentials',
  '2023-12-01'
)

resource webhook 'Microsoft.ContainerRegistry/registries/webhooks@2023-07-01' = {
  parent: registry
  // 5-50 letters and digits.
  name: take('cd${replace(replace(webAppName, '-', ''), '_', '')}', 50)
  location: location
  tags: tags
  dependsOn: [scmBasicAuth]
  properties: {
    serviceUri: '${publishingCredentials.properties.scmUri}/api/registry/webhook'
    actions: ['push']
    scope: imageScope
    status: 'enabled'
  }
}

output webhookName string = webhook.name
