// Checks of deploy/k8s against the service it runs: probes on real routes, the port the app
// listens on, a hardened pod, a graceful shutdown window, and HPA/PDB/Service aimed at the pods.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { WORKSPACE_ROOT } from '../test/model-fixture.js';

const K8S = join(WORKSPACE_ROOT, 'deploy', 'k8s');
const ROUTES = join(WORKSPACE_ROOT, 'apps', 'serving', 'src', 'routes');

/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects, read as parsed YAML */
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: any;
  data?: Record<string, string>;
};

const kustomization = readYaml('kustomization.yaml')[0] as unknown as { resources: string[] };
const objects = kustomization.resources.flatMap(readYaml);
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
const deployment = byKind('Deployment')[0];
const pod = deployment.spec.template;
const container = pod.spec.containers[0];
const env = Object.fromEntries(
  (container.env as { name: string; value?: string }[]).map((e) => [e.name, e.value]),
);

describe('deploy/k8s', () => {
  it('lists every manifest in kustomization.yaml, each parsing to objects with a kind', () => {
    const manifests = readdirSync(K8S).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(manifests.sort());
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
  });

  it.each([
    ['startupProbe', '/health/live'],
    ['livenessProbe', '/health/live'],
    ['readinessProbe', '/health/ready'],
  ])('points the %s at %s, a route the service serves, on the container port', (probe, path) => {
    expect(container[probe].httpGet.path).toBe(path);
    expect(listServedPaths()).toContain(path);
    expect(resolvePort(container[probe].httpGet.port)).toBe(Number(env['PORT']));
  });

  it('opens the container port the app listens on (PORT) and scrapes metrics there', () => {
    expect(container.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([
      Number(env['PORT']),
    ]);
    expect(pod.metadata.annotations['prometheus.io/port']).toBe(env['PORT']);
    expect(listServedPaths()).toContain(pod.metadata.annotations['prometheus.io/path']);
  });

  it('runs as a non-root user with a read-only root, no privilege escalation, no capabilities', () => {
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
    // The image's USER is `node` (uid 1000): a numeric uid lets the kubelet verify non-root.
    expect(readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m);
    expect(pod.spec.securityContext.runAsUser).toBe(1000);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('mounts a writable volume where the service caches models', () => {
    const mounts = (container.volumeMounts as { name: string; mountPath: string }[]).filter((m) =>
      (pod.spec.volumes as { name: string; emptyDir?: object }[]).some(
        (v) => v.name === m.name && v.emptyDir,
      ),
    );
    expect(mounts.some((m) => `${env['MODEL_CACHE_DIR']}/`.startsWith(`${m.mountPath}/`))).toBe(
      true,
    );
  });

  it('gives SIGTERM time to drain: grace period > preStop sleep + SHUTDOWN_TIMEOUT_MS', () => {
    const [command, seconds] = container.lifecycle.preStop.exec.command as string[];
    expect(command).toBe('sleep');
    const needed = Number(seconds) + Number(env['SHUTDOWN_TIMEOUT_MS']) / 1000;
    expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(needed);
  });

  it('sets CPU and memory requests and limits, with no more WORKERS than CPUs allowed', () => {
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(Number(env['WORKERS'])).toBeLessThanOrEqual(readCpu(container.resources.limits.cpu));
  });

  it('selects its own pods (Deployment selector = pod labels)', () => {
    expect(pod.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
  });

  it('autoscales the Deployment (autoscaling/v2) on CPU, from at least 2 replicas', () => {
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: deployment.apiVersion,
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
  });

  it('keeps a disruption budget on the same pods that still lets a node drain', () => {
    const [pdb] = byKind('PodDisruptionBudget');
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(pod.metadata.labels).toMatchObject(pdb.spec.selector.matchLabels);
    expect(pdb.spec.maxUnavailable ?? hpa.spec.minReplicas - pdb.spec.minAvailable).toBeGreaterThan(
      0,
    );
  });

  it('routes the Service to the pods on the named container port', () => {
    const [service] = byKind('Service');
    expect(pod.metadata.labels).toMatchObject(service.spec.selector);
    expect(resolvePort(service.spec.ports[0].targetPort)).toBe(Number(env['PORT']));
  });

  it('refers only to the ServiceAccount and ConfigMap it ships', () => {
    expect(pod.spec.serviceAccountName).toBe(byKind('ServiceAccount')[0].metadata.name);
    expect(container.envFrom[0].configMapRef.name).toBe(byKind('ConfigMap')[0].metadata.name);
    expect(byKind('ConfigMap')[0].data?.['MODEL_REGISTRY']).toMatch(
      /^azblob:\/\/[a-z0-9]{3,24}\/models$/,
    );
  });
});

// --- internal ---

function readYaml(file: string): K8sObject[] {
  const path = join(K8S, file);
  if (!existsSync(path)) throw new Error(`kustomization.yaml lists ${file}, which does not exist.`);
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    return doc.toJS() as K8sObject;
  });
}

// Every path in the service's route files (`path: '/x'`), as the route table serves them.
function listServedPaths(): string[] {
  return readdirSync(ROUTES)
    .filter((file) => file.endsWith('-routes.ts'))
    .flatMap((file) =>
      [...readFileSync(join(ROUTES, file), 'utf8').matchAll(/path: '([^']+)'/g)].map((m) => m[1]),
    );
}

function resolvePort(port: number | string): number {
  if (typeof port === 'number') return port;
  const named = (container.ports as { name: string; containerPort: number }[]).find(
    (p) => p.name === port,
  );
  if (!named) throw new Error(`No container port named ${port}`);
  return named.containerPort;
}

function readCpu(value: string | number): number {
  const text = String(value);
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}
