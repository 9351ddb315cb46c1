import { toChildEnv } from './child-env.js';

describe('toChildEnv', () => {
  // What `npx --yes --package=<tarball> create-modelship` hands the scaffolder (npm 11).
  const fromNpx = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    CI: 'true',
    npm_config_package: '/tmp/create-modelship-0.1.0.tgz',
    npm_config_yes: 'true',
    npm_config_call: '',
    npm_config_local_prefix: '/home/me',
    npm_config_global_prefix: '/usr/local',
    npm_config_user_agent: 'npm/11.6.2 node/v22.20.0 linux x64 workspaces/false',
    NPM_CONFIG_PACKAGE: '/tmp/other.tgz',
    npm_lifecycle_event: 'npx',
    npm_lifecycle_script: 'create-modelship',
    npm_package_json: '/home/me/package.json',
    npm_command: 'exec',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_node_execpath: '/usr/bin/node',
    INIT_CWD: '/home/me',
    npm_config_registry: 'https://npm.example.com/',
    'npm_config_@acme:registry': 'https://npm.acme.dev/',
    'npm_config_//npm.acme.dev/:_authToken': 'secret',
    npm_config_cache: '/home/me/.npm',
    npm_config_prefer_offline: 'true',
    npm_config_https_proxy: 'http://proxy:3128',
  };

  it('drops what npx set about its own invocation', () => {
    const env = toChildEnv(fromNpx);
    for (const key of [
      'npm_config_package',
      'NPM_CONFIG_PACKAGE',
      'npm_config_yes',
      'npm_config_call',
      'npm_config_local_prefix',
      'npm_config_global_prefix',
      'npm_config_user_agent',
      'npm_lifecycle_event',
      'npm_lifecycle_script',
      'npm_package_json',
      'npm_command',
      'npm_execpath',
      'npm_node_execpath',
      'INIT_CWD',
    ]) {
      expect([key, env[key]]).toEqual([key, undefined]);
    }
  });

  it("keeps the user's environment and how to reach a registry", () => {
    expect(toChildEnv(fromNpx)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      CI: 'true',
      npm_config_registry: 'https://npm.example.com/',
      'npm_config_@acme:registry': 'https://npm.acme.dev/',
      'npm_config_//npm.acme.dev/:_authToken': 'secret',
      npm_config_cache: '/home/me/.npm',
      npm_config_prefer_offline: 'true',
      npm_config_https_proxy: 'http://proxy:3128',
    });
  });
});
