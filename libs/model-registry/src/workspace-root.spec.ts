import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REGISTRY_URL, resolveRegistryUrl } from './workspace-root.js';

describe('resolveRegistryUrl', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'registry-url-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const writeParams = (url: string) =>
    writeFileSync(join(root, 'params.yaml'), `registry:\n  url: ${url}\n`);

  it('prefers $MODEL_REGISTRY over params.yaml, so CI can point a workspace elsewhere', () => {
    writeParams('file:.modelship/registry');
    expect(resolveRegistryUrl(root, { MODEL_REGISTRY: 'azblob://acct/models' })).toBe(
      'azblob://acct/models',
    );
  });

  it('uses params.yaml registry.url when $MODEL_REGISTRY is unset or blank', () => {
    writeParams('file:elsewhere');
    expect(resolveRegistryUrl(root, {})).toBe('file:elsewhere');
    expect(resolveRegistryUrl(root, { MODEL_REGISTRY: '  ' })).toBe('file:elsewhere');
  });

  it('falls back to the embedded default without params.yaml or $MODEL_REGISTRY', () => {
    expect(resolveRegistryUrl(root, {})).toBe(DEFAULT_REGISTRY_URL);
  });
});
