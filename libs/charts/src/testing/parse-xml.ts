// A strict little XML reader for the specs: it accepts only well-formed markup (balanced tags,
// quoted attributes, escaped text, one root) and returns the element tree to query.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const TOKEN = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
const ATTRIBUTE = /([\w:.-]+)="([^"<]*)"/g;
const ENTITY = /&(amp|lt|gt|quot|apos);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntity = (_: string, name: string) => ENTITIES[name] ?? '';

export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(source); match; match = TOKEN.exec(source)) {
    const [, closing, name = '', attrs = '', selfClosing, text, stray] = match;
    if (stray) throw new Error(`Stray '<' at offset ${match.index}`);
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text))
        throw new Error(`Unescaped '&' at offset ${match.index}`);
      const parent = stack.at(-1);
      if (parent) parent.text += text.replace(ENTITY, decodeEntity);
      else if (text.trim() !== '')
        throw new Error(`Text outside the root at offset ${match.index}`);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name)
        throw new Error(`</${name}> closes <${open?.name}> at offset ${match.index}`);
      continue;
    }
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (const [, key = '', value = ''] of attrs.matchAll(ATTRIBUTE)) {
      if (key in element.attributes) throw new Error(`Duplicate attribute ${key}`);
      element.attributes[key] = value.replace(ENTITY, decodeEntity);
    }
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('More than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new Error(`<${unclosed.name}> is never closed`);
  if (!root) throw new Error('No root element');
  return root;
}

/** Every element below `root` (root included) whose name matches. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found = root.name === name ? [root] : [];
  for (const child of root.children) found.push(...findAll(child, name));
  return found;
}
