import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_FEEDBACK_STORE_URL,
  DEFAULT_PATHS,
  DEFAULT_REGISTRY_URL,
} from './default-paths.js';
import { readParams } from './read-params.js';

describe('DEFAULT_PATHS', () => {
  it('are relative to the workspace root', () => {
    expect(Object.values(DEFAULT_PATHS).filter((path) => isAbsolute(path))).toEqual([]);
  });

  it('are what the embedded params.yaml spells out, so leaving a key out changes nothing', () => {
    const params = readParams(fileURLToPath(new URL('../../../', import.meta.url)));
    expect({
      report_dir: params.validation?.report_dir,
      registry: params.registry?.url,
      feedback: params.feedback?.store,
      state: params.ct?.state,
      quarantine: params.ct?.ingest?.quarantine_dir,
    }).toEqual({
      report_dir: DEFAULT_PATHS.validationReports,
      registry: DEFAULT_REGISTRY_URL,
      feedback: DEFAULT_FEEDBACK_STORE_URL,
      state: DEFAULT_PATHS.ctState,
      quarantine: DEFAULT_PATHS.quarantine,
    });
  });
});
