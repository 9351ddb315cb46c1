/**
 * Whether .dockerignore leaves `path` (relative, forward slashes) out of the build context.
 * Follows Docker's rules: patterns match from the context root, `**` spans folders, `!` re-includes,
 * the last matching pattern wins, and excluding a folder excludes everything under it.
 */
export function isDockerIgnored(path: string, dockerignore: string): boolean {
  let ignored = false;
  for (const raw of dockerignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = toRegExp((negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, ''));
    if (pattern.test(path)) ignored = !negated;
  }
  return ignored;
}

// --- internal ---

function toRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern.charAt(index);
    if (char === '*' && pattern[index + 1] === '*') {
      source += '.*';
      index++;
      if (pattern[index + 1] === '/') index++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}
