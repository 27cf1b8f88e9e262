import type { Line, PageText } from './pdf-layout.js';

const LONE_PAGE_NUMBER = /^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|\/|\|)\s*\d{1,4})?$|^[ivxlc]{1,6}$/i;
const PAGE_OF = /^page\s+\d{1,4}(?:\s*(?:of|\/|\|)\s*\d{1,4})?$/i;

/**
 * Removes running headers and footers: lines at a page's edges (its top or bottom tenth, or its
 * first or last three lines) whose text, digits ignored ("Page 3" = "Page 4"), recurs at the same
 * height on at least 40% of the pages — not "most", so alternating odd/even headers go too.
 * Lone page numbers at the edges and "Page 3 of 12" lines anywhere go as well.
 */
export function dropRunningLines(pages: PageText[]): Line[] {
  const zones = pages.map(edgeLines);
  const seen = new Map<string, number>();
  for (const zone of zones) for (const key of new Set(zone.values())) seen.set(key, (seen.get(key) ?? 0) + 1);
  const withText = pages.filter((p) => p.lines.length).length;
  const threshold = Math.max(2, Math.ceil(withText * 0.4));
  const running = new Map<string, Line>();
  pages.forEach((page, i) => {
    const zone = zones[i]!;
    page.lines = page.lines.filter((line) => {
      if (PAGE_OF.test(line.text)) return false;
      const key = zone.get(line);
      if (key === undefined) return true;
      if (LONE_PAGE_NUMBER.test(line.text)) return false;
      if ((seen.get(key) ?? 0) < threshold) return true;
      // "Page 3 of 12  3" says nothing; "Version 2, next review Jan 2026" is worth keeping.
      if (!running.has(key) && line.text.replace(/\bpage\b|\bof\b|[\d\s\-–|/()]/gi, '') !== '') running.set(key, line);
      return false;
    });
  });
  return [...running.values()];
}

/** The lines at the top and bottom edges of a page, each with its repeat key. */
function edgeLines(page: PageText): Map<Line, string> {
  const byY = [...page.lines].sort((a, b) => a.y - b.y);
  const key = (where: string, line: Line): string => `${where}|${Math.round(line.y / 8)}|${line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, '')}`;
  const zone = new Map<Line, string>();
  byY.forEach((line, i) => {
    const edge = i < 3 || i >= byY.length - 3 || line.y < page.height * 0.1 || line.y > page.height * 0.9;
    if (edge) zone.set(line, key(line.y < page.height / 2 ? 'top' : 'bottom', line));
  });
  return zone;
}
