// Linux App Service plan + Web App for Containers, with a staging slot for deploy-test-swap
// (deploymentMode slots) or continuous deployment from the registry (registryWebhook).
// The container listens on 443 (the image's PORT; WEBSITES_PORT tells App Service where). TLS
// ends at the App Service front end, which forwards to the container. Both the site and the
// slot get a system-assigned identity, granted AcrPull and blob access in role-assignments.bicep.

param name string
param location string
param sku string
param instanceCount int
@description('slots: a staging slot for deploy-test-swap. registryWebhook: no slot; the site pulls each pushed image (DOCKER_ENABLE_CI).')
@allowed(['slots', 'registryWebhook'])
param deploymentMode string
@description('Full image reference: <registry>.azurecr.io/<repository>:<tag>.')
param image string
param modelRegistryUrl string
@description('MODEL_NAME; empty leaves it unset.')
param modelName string
param modelStage string
param stagingModelStage string
@secure()
param adminToken string
param appInsightsConnectionString string
param logAnalyticsWorkspaceId string
param tags object

var healthCheckPath = '/health/ready'
var useSlots = deploymentMode == 'slots'

// Settings shared by the site and the slot; MODEL_STAGE differs per slot and stays on swap.
var commonSettings = [
  { name: 'WEBSITES_PORT', value: '443' }
  { name: 'PORT', value: '443' }
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'false' }
  { name: 'WEBSITES_CONTAINER_START_TIME_LIMIT', value: '600' }
  { name: 'MODEL_REGISTRY', value: modelRegistryUrl }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'SHUTDOWN_TIMEOUT_MS', value: '20000' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
]
var modelNameSettings = empty(modelName) ? [] : [{ name: 'MODEL_NAME', value: modelName }]
var adminSettings = empty(adminToken) ? [] : [{ name: 'ADMIN_TOKEN', value: adminToken }]
// The registry webhook (registry-webhook.bicep) only pulls the new image when this is on.
var continuousDeploymentSettings = useSlots ? [] : [{ name: 'DOCKER_ENABLE_CI', value: 'true' }]
var optionalSettings = concat(modelNameSettings, adminSettings)

var siteConfig = {
  linuxFxVersion: 'DOCKER|${image}'
  acrUseManagedIdentityCreds: true
  alwaysOn: true
  healthCheckPath: healthCheckPath
  http20Enabled: true
  minTlsVersion: '1.2'
  ftpsState: 'Disabled'
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: sku, capacity: instanceCount }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: union(siteConfig, {
      appSettings: concat(commonSettings, optionalSettings, continuousDeploymentSettings, [{ name: 'MODEL_STAGE', value: modelStage }])
    })
  }
}

resource staging 'Microsoft.Web/sites/slots@2023-12-01' = if (useSlots) {
  parent: site
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: union(siteConfig, {
      appSettings: concat(commonSettings, optionalSettings, [{ name: 'MODEL_STAGE', value: stagingModelStage }])
    })
  }
}

// Slot settings stay with their slot when staging and production swap.
resource stickySettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'slotConfigNames'
  properties: { appSettingNames: ['MODEL_STAGE'] }
}

resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output stagingHostName string = useSlots ? staging.properties.defaultHostName : ''
output principalId string = site.identity.principalId
output stagingPrincipalId string = useSlots ? staging.identity.principalId : ''
