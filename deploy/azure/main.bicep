// modelship on Azure: a container registry, a Linux Web App for Containers (with a staging slot)
// serving the model on port 443, a storage account holding the model registry and the DVC
// remote, and Application Insights. deploymentMode chooses how images reach the site: through
// the staging slot and a swap (CD), or pulled on every push to the registry (registryWebhook).
// Deploy into an existing resource group:
//   az deployment group create -g <rg> -f deploy/azure/main.bicep -p @deploy/azure/main.parameters.dev.json
// The resource names below are the scaffolder's defaults (create-modelship rewrites them);
// a non-empty nameSuffix (e.g. dev) keeps each environment's globally unique names apart.

targetScope = 'resourceGroup'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Environment suffix for resource names: empty for production, e.g. dev for a dev copy.')
@maxLength(6)
param nameSuffix string = ''

@description('Web App name (2-60 letters, digits, hyphens); its staging slot is <name>-staging.')
param webAppName string = 'app-modelship'

@description('Azure Container Registry name (5-50 letters and digits, globally unique).')
param containerRegistryName string = 'acrmodelship'

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
param storageAccountName string = 'stmodelship'

@description('Container Registry SKU.')
@allowed(['Basic', 'Standard', 'Premium'])
param containerRegistrySku string = 'Basic'

@description('How a new image reaches the Web App. slots: CI deploys each commit to the staging slot, tests it and swaps it into production (needs a Standard plan or above). registryWebhook: the Web App pulls <imageName>:<imageTag> itself whenever it is pushed to the registry (an ACR webhook and DOCKER_ENABLE_CI; no slot, no test before traffic).')
@allowed(['slots', 'registryWebhook'])
param deploymentMode string = 'slots'

@description('App Service plan SKU (Standard or above: deployment slots need it).')
@allowed(['S1', 'S2', 'P0v3', 'P1v3', 'P2v3', 'P3v3'])
param appServicePlanSku string = 'P1v3'

@description('App Service plan instances (the Web App scales out across them).')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('Image repository in the registry, as CI pushes it.')
param imageName string = 'modelship-serving'

@description('Image tag to run (CI deploys the commit SHA).')
param imageTag string = 'latest'

@description('Model to serve (MODEL_NAME). Empty: the service takes params.yaml model.name, else the registry\'s only model.')
param modelName string = ''

@description('Registry stage the production slot serves.')
@allowed(['production', 'staging'])
param modelStage string = 'production'

@description('Registry stage the staging slot serves (a slot setting: it stays with the slot on swap).')
@allowed(['production', 'staging'])
param stagingModelStage string = 'production'

@description('Admin API token (>= 16 characters), or a Key Vault reference @Microsoft.KeyVault(SecretUri=...). Empty disables the admin API. Pass it on the command line, never in a parameter file.')
@secure()
param adminToken string = ''

@description('Allow account-key access to the storage account (connection strings). Off: identities only (OIDC in CI, managed identity in the app).')
param allowSharedKeyAccess bool = false

@description('Days Log Analytics keeps logs.')
param logRetentionDays int = 30

@description('Tags on every resource.')
param tags object = {}

@description('Deploy an Azure SQL Database for data.source (modelship data extract): Entra-only authentication, the CI identity its administrator, the Web App\'s identities its readers.')
param deploySqlDatabase bool = false

@description('Database name (with deploySqlDatabase).')
param sqlDatabaseName string = 'modelship'

@description('Entra administrator of the SQL server (with deploySqlDatabase): the display name of CI\'s app registration (or a group).')
param sqlAdminName string = ''

@description('Object id of that administrator: az ad sp show --id <AZURE_CLIENT_ID> --query id -o tsv (or the group\'s id).')
param sqlAdminObjectId string = ''

@description('What the administrator is: Application (CI\'s service principal), Group or User.')
@allowed(['Application', 'Group', 'User'])
param sqlAdminPrincipalType string = 'Application'

var dashSuffix = empty(nameSuffix) ? '' : '-${nameSuffix}'
var siteName = take('${webAppName}${dashSuffix}', 60)
var registryName = take('${containerRegistryName}${nameSuffix}', 50)
var accountName = take('${storageAccountName}${nameSuffix}', 24)
var useSlots = deploymentMode == 'slots'
var sqlServerName = toLower(take('sql-${siteName}', 63))
var allTags = union({ app: webAppName, environment: empty(nameSuffix) ? 'prod' : nameSuffix }, tags)

module registry 'modules/container-registry.bicep' = {
  name: 'container-registry'
  params: {
    name: registryName
    location: location
    sku: containerRegistrySku
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: accountName
    location: location
    allowSharedKeyAccess: allowSharedKeyAccess
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: siteName
    location: location
    retentionDays: logRetentionDays
    tags: allTags
  }
}

module webApp 'modules/web-app.bicep' = {
  name: 'web-app'
  params: {
    name: siteName
    location: location
    sku: appServicePlanSku
    instanceCount: instanceCount
    deploymentMode: deploymentMode
    image: '${registry.outputs.loginServer}/${imageName}:${imageTag}'
    modelRegistryUrl: storage.outputs.modelRegistryUrl
    modelName: modelName
    modelStage: modelStage
    stagingModelStage: stagingModelStage
    adminToken: adminToken
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    tags: allTags
  }
}

// Continuous deployment from the registry: a push of the image tag calls the site's Kudu hook,
// which pulls the image and restarts the site.
module webhook 'modules/registry-webhook.bicep' = if (deploymentMode == 'registryWebhook') {
  name: 'registry-webhook'
  params: {
    registryName: registry.outputs.name
    webAppName: webApp.outputs.name
    location: location
    imageScope: '${imageName}:${imageTag}'
    tags: allTags
  }
}

module sql 'modules/sql-database.bicep' = if (deploySqlDatabase) {
  name: 'sql-database'
  params: {
    serverName: sqlServerName
    databaseName: sqlDatabaseName
    location: location
    adminName: sqlAdminName
    adminObjectId: sqlAdminObjectId
    adminPrincipalType: sqlAdminPrincipalType
    readerNames: useSlots ? [webApp.outputs.name, '${webApp.outputs.name}/slots/staging'] : [webApp.outputs.name]
    tags: allTags
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    registryName: registry.outputs.name
    storageAccountName: storage.outputs.name
    principalIds: [webApp.outputs.principalId, webApp.outputs.stagingPrincipalId]
  }
}

@description('Registry host CI pushes the image to (docker login / az acr login).')
output acrLoginServer string = registry.outputs.loginServer

@description('Registry name, for az acr commands.')
output acrName string = registry.outputs.name

@description('Web App name CI deploys to (its staging slot is called staging).')
output webAppName string = webApp.outputs.name

@description('Production URL.')
output webAppUrl string = 'https://${webApp.outputs.defaultHostName}'

@description('Staging slot URL, for the smoke, k6 and acceptance tests before the swap (empty in registryWebhook mode).')
output stagingUrl string = useSlots ? 'https://${webApp.outputs.stagingHostName}' : ''

@description('How images reach the Web App (slots or registryWebhook).')
output deploymentMode string = deploymentMode

@description('MODEL_REGISTRY for training and the registry CLI in CI.')
output modelRegistryUrl string = storage.outputs.modelRegistryUrl

@description('DVC remote URL (dvc remote add -d azure <url>; dvc remote modify azure account_name <account>).')
output dvcRemoteUrl string = storage.outputs.dvcRemoteUrl

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('DATABASE_URL (the CI secret) of the Azure SQL Database; empty without deploySqlDatabase.')
output databaseUrl string = deploySqlDatabase ? sql.outputs.databaseUrl : ''

@description('T-SQL to run once as the SQL administrator: the Web App (and slot) identities as database readers.')
output databaseUsersSql string = deploySqlDatabase ? sql.outputs.databaseUsersSql : ''
