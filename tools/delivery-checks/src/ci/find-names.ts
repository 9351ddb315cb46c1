/** `secrets.X` and `vars.X` in a GitHub workflow (github.token and GITHUB_TOKEN are built in). */
export function findGithubNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b(secrets|vars)\.([A-Za-z_][\w]*)/g)) {
    if (match[2] !== 'GITHUB_TOKEN') names.add(`${match[1]}.${match[2]}`);
  }
  return [...names].sort();
}

/**
 * `$(X)` macros in an Azure Pipelines file, without predefined ones (`Build.SourceVersion`,
 * anything with a dot) and without the names the file defines itself (variables, setvariable).
 */
export function findAzureVariables(text: string): string[] {
  const defined = new Set<string>();
  for (const match of text.matchAll(/- name: (\w+)|variable=(\w+)|^\s{4,}(\w+): \$\[/gm)) {
    defined.add(match[1] ?? match[2] ?? match[3] ?? '');
  }
  const used = new Set<string>();
  for (const match of text.matchAll(/\$\((\w+)\)/g)) {
    if (!defined.has(match[1] ?? '')) used.add(match[1] ?? '');
  }
  return [...used].sort();
}

/** Every `- name: X` variable azure-pipelines.yml declares (documented in the README too). */
export function findAzureDeclaredVariables(text: string): string[] {
  return [...text.matchAll(/^ {2}- name: (\w+)$/gm)].map((match) => match[1] ?? '').sort();
}
