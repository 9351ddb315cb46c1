export type Attributes = Record<string, string | number | undefined>;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** One element as text; undefined attributes are left out, children are already-rendered markup. */
export function renderElement(
  name: string,
  attributes: Attributes,
  children: string | string[] = [],
): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const body = Array.isArray(children) ? children.join('') : children;
  return body === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`;
}

export function renderText(text: string, attributes: Attributes): string {
  return renderElement('text', attributes, escapeXml(text));
}

/** Coordinates rounded to 0.01 px: exact enough to draw, short enough to diff. */
export function formatCoordinate(value: number): string {
  return String(Math.round(value * 100) / 100);
}
