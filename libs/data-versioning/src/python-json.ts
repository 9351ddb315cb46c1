// Python's json.dumps(value, sort_keys=True) with its defaults (separators ", " and ": ",
// ensure_ascii=True), for the only shape DVC hashes: a list of flat string-valued objects.
// Byte-for-byte equality matters: the directory hash is the MD5 of this text.

/** Serialises `[{...}, ...]` exactly as Python's `json.dumps(items, sort_keys=True)` does. */
export function dumpPythonJsonList(items: readonly Readonly<Record<string, string>>[]): string {
  const objects = items.map((item) => {
    const keys = Object.keys(item).sort(compareCodePoints);
    return `{${keys.map((key) => `${quote(key)}: ${quote(item[key] ?? '')}`).join(', ')}}`;
  });
  return `[${objects.join(', ')}]`;
}

/** Orders strings by Unicode code point, as Python's `sorted` does (JS's `<` uses UTF-16 units). */
export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = codePointAt(a[i]) - codePointAt(b[i]);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function codePointAt(char: string | undefined): number {
  return char?.codePointAt(0) ?? 0;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(text: string): string {
  let quoted = '"';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    const unit = text.charCodeAt(i);
    if (SHORT_ESCAPES[char] !== undefined) quoted += SHORT_ESCAPES[char];
    // ensure_ascii: everything outside space..tilde becomes \uXXXX, astral characters as
    // their two UTF-16 surrogates, which is what iterating code units gives.
    else if (unit < 0x20 || unit > 0x7e) quoted += `\\u${unit.toString(16).padStart(4, '0')}`;
    else quoted += char;
  }
  return `${quoted}"`;
}
