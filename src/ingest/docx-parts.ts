import { DomUtils, parseDocument } from 'htmlparser2';
import { normaliseSpace } from './builder.js';
import { readZipEntry, zipEntryNames } from './zip-guard.js';

/** Most a header or footer part may hold before it is skipped as not a real header. */
const MAX_PART_BYTES = 256 * 1024;

/**
 * Paragraph texts of the Word headers and footers, which mammoth does not read but where
 * policies often keep their version, approval and review dates. Repeats are dropped.
 */
export function headerFooterTexts(data: Uint8Array): string[] {
  const texts = new Set<string>();
  const parts = zipEntryNames(data)
    .filter((name) => /^word\/(?:header|footer)\d*\.xml$/.test(name))
    .sort();
  for (const name of parts) {
    let xml: Uint8Array | undefined;
    try {
      xml = readZipEntry(data, name, MAX_PART_BYTES);
    } catch {
      continue; // a damaged or oversized header must not fail the whole read
    }
    if (!xml) continue;
    const root = parseDocument(new TextDecoder().decode(xml), { xmlMode: true });
    for (const paragraph of DomUtils.getElementsByTagName('w:p', root.children, true)) {
      const text = normaliseSpace(
        DomUtils.getElementsByTagName('w:t', [paragraph], true)
          .map((t) => DomUtils.textContent(t))
          .join(''),
      );
      // Bare page numbers and fields say nothing a reader needs.
      if (text && /[a-z]{3}/i.test(text)) texts.add(text);
    }
  }
  return [...texts];
}

const CORE_FIELDS: Record<string, string> = {
  'dc:title': 'title',
  'dc:subject': 'subject',
  'dc:creator': 'creator',
  'dc:description': 'description',
  'cp:keywords': 'keywords',
  'cp:lastModifiedBy': 'lastModifiedBy',
  'dcterms:created': 'created',
  'dcterms:modified': 'modified',
};

/** docProps/core.xml fields, skipping blanks and placeholders such as "(anonymous)". */
export function coreProperties(data: Uint8Array): Record<string, string> | undefined {
  let xml: Uint8Array | undefined;
  try {
    xml = readZipEntry(data, 'docProps/core.xml');
  } catch {
    return undefined; // properties are optional; a damaged part should not fail the read
  }
  if (!xml) return undefined;
  const root = parseDocument(new TextDecoder().decode(xml), { xmlMode: true });
  const metadata: Record<string, string> = {};
  for (const [tag, key] of Object.entries(CORE_FIELDS)) {
    const element = DomUtils.getElementsByTagName(tag, root.children, true, 1)[0];
    const value = element ? normaliseSpace(DomUtils.textContent(element)) : '';
    if (value && !/^\(.*\)$/.test(value)) metadata[key] = value;
  }
  return Object.keys(metadata).length ? metadata : undefined;
}
