import { renderElement, renderText } from './xml.js';

/** The SVG document every chart shares: a white background and the title as a heading. */
export function renderSvg(width: number, height: number, title: string, parts: string[]): string {
  const heading = renderText(title, {
    x: width / 2,
    y: 22,
    'text-anchor': 'middle',
    'font-size': 15,
    'font-weight': 'bold',
  });
  const background = renderElement('rect', { width, height, fill: '#ffffff' });
  return `${renderElement(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': 'Helvetica, Arial, sans-serif',
      role: 'img',
    },
    [renderElement('title', {}, title.replace(/[&<>]/g, ' ')), background, heading, ...parts],
  )}\n`;
}
