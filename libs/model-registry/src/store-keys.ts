// Where everything lives inside a store. Versions are numbered files committed with an
// exclusive create; uploads sit under a unique folder until a version references them; a content
// claim (one per bundle content hash, also an exclusive create) makes registering the same bundle
// concurrently give one version.
export const storeKeys = {
  models: 'models/',
  versions: (name: string) => `models/${name}/versions/`,
  version: (name: string, version: number) => `models/${name}/versions/${version}.json`,
  state: (name: string) => `models/${name}/state.json`,
  uploads: (name: string) => `models/${name}/uploads/`,
  upload: (name: string, uploadId: string) => `models/${name}/uploads/${uploadId}/`,
  contentClaims: (name: string) => `models/${name}/contents/`,
  contentClaim: (name: string, contentHash: string) =>
    `models/${name}/contents/${contentHash}.json`,
};
