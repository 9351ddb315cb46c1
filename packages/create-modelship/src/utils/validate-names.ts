import { builtinModules } from 'node:module';

/** A name check: returns the rule the value breaks, or undefined when it is valid. */
export type NameValidator = (value: string) => string | undefined;

const NPM_MAX_LENGTH = 214;
const NPM_RESERVED = new Set(['node_modules', 'favicon.ico', ...builtinModules]);

/** The rules of validate-npm-package-name for new, unscoped package names (and scope names). */
export const validateNpmName: NameValidator = (value) => {
  if (value.length === 0) return 'an npm package name cannot be empty';
  if (value.length > NPM_MAX_LENGTH) {
    return `an npm package name has at most ${NPM_MAX_LENGTH} characters (got ${value.length})`;
  }
  if (value.trim() !== value) return 'an npm package name cannot start or end with spaces';
  if (/^[._]/.test(value)) return 'an npm package name cannot start with a period or an underscore';
  if (value.toLowerCase() !== value) return 'an npm package name must be lowercase';
  const special = /[~'!()*]/.exec(value);
  if (special) return `an npm package name cannot contain any of ~'!()* (found "${special[0]}")`;
  if (encodeURIComponent(value) !== value) {
    const bad = [...value].find((char) => encodeURIComponent(char) !== char);
    return `an npm package name must be URL-safe: lowercase letters, digits, "-", "." and "_" (found "${bad}")`;
  }
  if (NPM_RESERVED.has(value)) return `"${value}" is a reserved or Node.js built-in module name`;
  return undefined;
};

function validatePattern(
  what: string,
  rule: string,
  min: number,
  max: number,
  allowed: RegExp,
): NameValidator {
  return (value) => {
    const full = `${what} has ${min}-${max} characters: ${rule}`;
    if (value.length < min || value.length > max) return `${full} (got ${value.length})`;
    const bad = [...value].find((char) => !allowed.test(char));
    if (bad !== undefined) return `${full} (found "${bad}")`;
    return undefined;
  };
}

/** Azure storage accounts: 3-24 lowercase letters and digits, globally unique. */
export const validateStorageAccountName = validatePattern(
  'an Azure storage account name',
  'lowercase letters and digits only',
  3,
  24,
  /[a-z0-9]/,
);

/** Azure container registries: 5-50 letters and digits. */
export const validateContainerRegistryName = validatePattern(
  'an Azure container registry name',
  'letters and digits only',
  5,
  50,
  /[a-zA-Z0-9]/,
);

const validateWebAppChars = validatePattern(
  'an Azure web app name',
  'letters, digits and hyphens, not starting or ending with a hyphen',
  2,
  60,
  /[a-zA-Z0-9-]/,
);

/** Azure web apps: 2-60 letters, digits and hyphens, no hyphen at either end. */
export const validateWebAppName: NameValidator = (value) =>
  validateWebAppChars(value) ??
  (value.startsWith('-') || value.endsWith('-')
    ? 'an Azure web app name cannot start or end with a hyphen'
    : undefined);

const validateResourceGroupChars = validatePattern(
  'an Azure resource group name',
  'letters, digits, "_", "-", "." and parentheses, not ending with "."',
  1,
  90,
  /[\w.()-]/,
);

/** Azure resource groups: 1-90 letters, digits, underscores, hyphens, periods, parentheses. */
export const validateResourceGroupName: NameValidator = (value) =>
  validateResourceGroupChars(value) ??
  (value.endsWith('.') ? 'an Azure resource group name cannot end with "."' : undefined);
