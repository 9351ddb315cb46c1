import type { AzureNames } from './derive-names.js';

/** Every name a generated workspace carries, as chosen by the user. */
export interface ProjectNames extends AzureNames {
  name: string;
  scope: string;
}

type NameKind = keyof AzureNames | 'image';

/**
 * How a setting's key tells what it names, most specific first (a key such as
 * `ACR_RESOURCE_GROUP` names a resource group). Adding a kind of name is one row.
 */
const KEY_KINDS: ReadonlyArray<{ kind: NameKind; key: RegExp }> = [
  { kind: 'resourceGroup', key: /resource[_-]?group|^rg$/i },
  { kind: 'storageAccount', key: /storage[_-]?account/i },
  { kind: 'containerRegistry', key: /container[_-]?registry|acr|^registry([_-]?name)?$/i },
  { kind: 'webApp', key: /web[_-]?app|app[_-]?service|site[_-]?name/i },
  { kind: 'image', key: /image|^-t$|^tag$/i },
];

/**
 * `key: value`, `key = 'value'`, `param key string = 'value'`, `"key": { "value": "x" }` and
 * `--key value` / `-t value`: the ways YAML, Bicep, ARM parameter files and shell lines set a name.
 */
const SETTING =
  /(?<![\w$-])(?:(?<flag>--?[A-Za-z][\w-]*)[ \t]+|(?<key>[A-Za-z_][\w-]*)["']?(?:[ \t]*:[ \t]*\{\s*["']value["']\s*:[ \t]*|[ \t]*[:=][ \t]*|[ \t]+string[ \t]*=[ \t]*))["']?(?<value>[A-Za-z0-9][\w./()-]*)/g;

interface SettingGroups {
  flag?: string;
  key?: string;
  value: string;
}

/** The product's own name, which only the template's Azure and image defaults carry. */
const TEMPLATE_NAME = /modelship/i;

function findKind({ flag, key }: SettingGroups): NameKind | undefined {
  const name = flag === '-t' ? flag : (flag?.replace(/^-+/, '') ?? key);
  return KEY_KINDS.find(({ key: pattern }) => pattern.test(name ?? ''))?.kind;
}

/** The part of a setting's value that is the name: `acrx.azurecr.io` -> `acrx`, `r.io/img:1` -> `img`. */
function extractName(kind: NameKind, value: string): string {
  const parts =
    kind === 'image' ? (value.split('/').at(-1) ?? value).split(':') : value.split(/[./]/);
  return parts[0] ?? value;
}

function newName(kind: NameKind, old: string, names: ProjectNames): string {
  return kind === 'image' ? old.replace(TEMPLATE_NAME, names.name) : names[kind];
}

/**
 * Finds the template's Azure resource and image names in CI and deployment files (the settings
 * whose key says what they name and whose value still carries "modelship") and returns the
 * renames to make: template name -> the user's name.
 */
export function findInfraRenames(
  texts: Iterable<string>,
  names: ProjectNames,
): Map<string, string> {
  const renames = new Map<string, string>();
  for (const text of texts) {
    for (const match of text.matchAll(SETTING)) {
      const groups = match.groups as unknown as SettingGroups;
      const kind = findKind(groups);
      if (kind === undefined) continue;
      const old = extractName(kind, groups.value);
      if (!TEMPLATE_NAME.test(old) || renames.has(old)) continue;
      renames.set(old, newName(kind, old, names));
    }
  }
  return renames;
}

/**
 * Applies the renames to one file. A distinctive old name (`rg-modelship`) is replaced wherever it
 * stands as a whole word; the bare product name (`modelship`, also the CLI's and folders' name) is
 * replaced only where a setting names it.
 */
export function applyInfraRenames(text: string, renames: ReadonlyMap<string, string>): string {
  let result = text.replace(SETTING, (setting: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as SettingGroups;
    const kind = findKind(groups);
    if (kind === undefined) return setting;
    const old = extractName(kind, groups.value);
    const replacement = renames.get(old);
    if (replacement === undefined) return setting;
    const at = setting.lastIndexOf(groups.value) + groups.value.indexOf(old);
    return setting.slice(0, at) + replacement + setting.slice(at + old.length);
  });
  for (const [old, replacement] of renames) {
    if (old.toLowerCase() === 'modelship') continue;
    const word = new RegExp(`(?<![\\w-])${old.replace(/[()]/g, '\\$&')}(?![\\w-])`, 'g');
    result = result.replace(word, replacement);
  }
  return result;
}
