// npm and npx describe their own invocation to the processes they start: `npx --package=<tarball>
// create-modelship` leaves npm_config_package, npm_config_yes, npm_config_local_prefix (the folder
// npx ran in), npm_lifecycle_* and more in our environment. An inner npm or npx that inherits them
// acts on the outer invocation (`npx` then asks to install the tarball again and gives up:
// "npx canceled due to missing packages"). The scaffolder's children get the user's settings for
// reaching a registry, and nothing else of how the scaffolder itself was started.
const INVOCATION_PREFIXES = ['npm_config_', 'npm_package_', 'npm_lifecycle_'];
const INVOCATION_KEYS = new Set(['npm_command', 'npm_execpath', 'npm_node_execpath', 'init_cwd']);
const KEPT_CONFIG = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
  'npm_config_ca',
  'npm_config_cafile',
  'npm_config_prefer_offline',
  'npm_config_prefer_online',
  'npm_config_offline',
  'npm_config_audit',
  'npm_config_fund',
  'npm_config_loglevel',
]);

/**
 * The environment for the scaffolder's child processes (npm install, the workspace's CLI, git):
 * `env` without what npm/npx set about the command that started the scaffolder, keeping registry,
 * proxy, certificate and cache settings (scoped registries and auth tokens too).
 */
export function toChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !isInvocationKey(key.toLowerCase())),
  );
}

function isInvocationKey(key: string): boolean {
  if (INVOCATION_KEYS.has(key)) return true;
  if (!INVOCATION_PREFIXES.some((prefix) => key.startsWith(prefix))) return false;
  if (KEPT_CONFIG.has(key)) return false;
  // npm_config_@acme:registry, npm_config_//registry.example.com/:_authToken
  return !/:registry$|:_auth/.test(key);
}
