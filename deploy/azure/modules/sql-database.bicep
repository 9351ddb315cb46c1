// Optional Azure SQL Database for data.source (`modelship data extract` reads it): a logical
// server with Microsoft Entra-only authentication (no SQL logins, no passwords anywhere), its
// Entra administrator the CI identity (so CI signs in with its OIDC login), and one serverless
// database. The Web App's identities become database users through the T-SQL in
// `databaseUsersSql`, run once by the administrator (T-SQL is the only way to create Entra users).

param serverName string
param databaseName string
param location string
param adminName string
param adminObjectId string
@allowed(['Application', 'Group', 'User'])
param adminPrincipalType string
param readerNames array
param tags object

resource server 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminName
      sid: adminObjectId
      principalType: adminPrincipalType
      tenantId: subscription().tenantId
    }
  }
}

// Lets Azure services in (the Web App, hosted CI agents); add a rule per office or runner IP range.
resource allowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: server
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: { name: 'GP_S_Gen5_1', tier: 'GeneralPurpose' }
  properties: {
    autoPauseDelay: 60
    minCapacity: json('0.5')
    zoneRedundant: false
  }
}

var createUsers = [for reader in readerNames: 'CREATE USER [${reader}] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [${reader}];']

@description('DATABASE_URL for CI and the app: no user or password, so the extract signs in with Microsoft Entra ID.')
output databaseUrl string = 'sqlserver://${server.properties.fullyQualifiedDomainName}/${database.name}'

@description('Run once as the Entra administrator (sqlcmd -G): the Web App and its slot become readers of the database.')
output databaseUsersSql string = join(createUsers, ' ')

output serverName string = server.name
