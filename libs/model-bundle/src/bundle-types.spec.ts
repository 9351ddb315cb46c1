import { BUNDLE_FILES, REQUIRED_BUNDLE_FILES } from './bundle-types.js';

test('every required bundle file is one of the named bundle files', () => {
  const named = new Set<string>(Object.values(BUNDLE_FILES));
  for (const file of REQUIRED_BUNDLE_FILES) expect(named.has(file)).toBe(true);
});
