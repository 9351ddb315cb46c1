/** An artifact a job uploads or downloads, and the job that does it. */
export interface ArtifactStep {
  job: string;
  name: string;
  /** A download from another workflow's run (GitHub `run-id:`). */
  fromOtherRun?: boolean;
}

/** Uploads and downloads of one pipeline, and which jobs each job waits for (directly). */
export interface ArtifactFlow {
  path: string;
  uploads: ArtifactStep[];
  downloads: ArtifactStep[];
  needs: Record<string, string[]>;
}

/**
 * Downloads that no upload can satisfy: the name must be uploaded by a job the downloading job
 * needs, directly or transitively (a job that does not wait for the upload may run first).
 * A download from another run matches the uploads of `otherRuns` (the triggering workflows).
 */
export function checkArtifactNames(flow: ArtifactFlow, otherRuns: ArtifactFlow[] = []): string[] {
  const problems: string[] = [];
  for (const download of flow.downloads) {
    const sources = download.fromOtherRun
      ? otherRuns.flatMap((run) => run.uploads.map((upload) => ({ ...upload, path: run.path })))
      : flow.uploads
          .filter((upload) => upstreamOf(download.job, flow.needs).has(upload.job))
          .map((upload) => ({ ...upload, path: flow.path }));
    if (sources.some((upload) => namesMatch(upload.name, download.name))) continue;
    const offered = sources.map((upload) => `${upload.name} (${upload.path} ${upload.job})`);
    problems.push(
      `${flow.path}: job ${download.job} downloads artifact \`${download.name}\`, but ${
        offered.length
          ? `the jobs it waits for upload only ${offered.join(', ')}`
          : 'no job it waits for uploads anything'
      }`,
    );
  }
  return problems;
}

/** The uploads, downloads and `needs:` of a GitHub workflow. */
export function readGithubArtifactFlow(path: string, workflow: unknown): ArtifactFlow {
  const jobs = ((workflow as { jobs?: Record<string, GithubJob> }).jobs ?? {}) as Record<
    string,
    GithubJob
  >;
  const flow: ArtifactFlow = { path, uploads: [], downloads: [], needs: {} };
  for (const [job, definition] of Object.entries(jobs)) {
    flow.needs[job] = toList(definition.needs);
    for (const step of definition.steps ?? []) {
      const name = step.with?.['name'];
      if (typeof step.uses !== 'string' || typeof name !== 'string') continue;
      if (step.uses.startsWith('actions/upload-artifact@')) flow.uploads.push({ job, name });
      if (step.uses.startsWith('actions/download-artifact@')) {
        flow.downloads.push({ job, name, fromOtherRun: step.with?.['run-id'] !== undefined });
      }
    }
  }
  return flow;
}

/** The workflow names a GitHub workflow's `on.workflow_run` waits for. */
export function readTriggeringWorkflows(workflow: unknown): string[] {
  const on = (workflow as { on?: { workflow_run?: { workflows?: string[] } } }).on;
  return on?.workflow_run?.workflows ?? [];
}

/**
 * The `publish`/`download` steps (and Publish/DownloadPipelineArtifact tasks) of an Azure
 * pipeline, by stage. A stage without `dependsOn` depends on the one before it, as in Azure.
 * Step templates are expanded through `readTemplate`.
 */
export function readAzureArtifactFlow(
  path: string,
  pipeline: unknown,
  readTemplate: (path: string) => unknown = () => ({}),
): ArtifactFlow {
  const stages = (pipeline as { stages?: AzureStage[] }).stages ?? [];
  const flow: ArtifactFlow = { path, uploads: [], downloads: [], needs: {} };
  stages.forEach((stage, index) => {
    const previous = stages[index - 1]?.stage;
    flow.needs[stage.stage] =
      stage.dependsOn === undefined ? (previous ? [previous] : []) : toList(stage.dependsOn);
    for (const job of stage.jobs ?? []) {
      for (const step of expandSteps(collectSteps(job), readTemplate)) {
        const publish = readAzureArtifact(step, 'publish');
        if (publish) flow.uploads.push({ job: stage.stage, name: publish });
        const download = readAzureArtifact(step, 'download');
        if (download) flow.downloads.push({ job: stage.stage, name: download });
      }
    }
  });
  return flow;
}

// --- internal ---

interface GithubJob {
  needs?: string | string[];
  steps?: { uses?: string; with?: Record<string, unknown> }[];
}

interface AzureStage {
  stage: string;
  dependsOn?: string | string[];
  jobs?: unknown[];
}

type AzureStep = Record<string, unknown> & {
  inputs?: Record<string, unknown>;
  template?: string;
};

function upstreamOf(job: string, needs: Record<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(needs[job] ?? [])];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(needs[next] ?? []));
  }
  return seen;
}

// An uploaded name may hold expressions (`k6-${{ inputs.scenario }}`): they match anything.
function namesMatch(uploaded: string, downloaded: string): boolean {
  const pattern = uploaded
    .split(/\$\{\{.*?\}\}|\$\(.*?\)/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`).test(downloaded);
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function collectSteps(job: unknown): AzureStep[] {
  if (Array.isArray(job)) return job.flatMap(collectSteps);
  if (job === null || typeof job !== 'object') return [];
  const steps = (job as { steps?: unknown }).steps;
  if (Array.isArray(steps)) return steps as AzureStep[];
  return Object.values(job).flatMap(collectSteps);
}

function expandSteps(steps: AzureStep[], readTemplate: (path: string) => unknown): AzureStep[] {
  return steps.flatMap((step) =>
    typeof step.template === 'string'
      ? expandSteps(collectSteps(readTemplate(step.template)), readTemplate)
      : [step],
  );
}

function readAzureArtifact(step: AzureStep, kind: 'publish' | 'download'): string | null {
  if (kind in step && step[kind] !== 'none' && typeof step['artifact'] === 'string') {
    return step['artifact'];
  }
  const task = kind === 'publish' ? 'PublishPipelineArtifact@' : 'DownloadPipelineArtifact@';
  if (typeof step['task'] === 'string' && step['task'].startsWith(task)) {
    const name = step.inputs?.['artifact'] ?? step.inputs?.['artifactName'];
    return typeof name === 'string' ? name : null;
  }
  return null;
}
