import type { ESLint, Rule } from 'eslint';
export declare function resolveRelativeImport(
  fromFile: string,
  specifier: string,
): string | undefined;
export declare function listRelativeImports(file: string): string[];
export declare function findPathBack(start: string, target: string): string[] | undefined;
export declare const noImportCycle: Rule.RuleModule;
export declare const modelshipRules: ESLint.Plugin;
