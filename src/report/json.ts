import { SCHEMA_VERSION, type AuditReport } from '../types.js';
import { escapeUnsafeJson } from './sanitise.js';
import { renderStreamed, type StreamedFormat } from './stream.js';

/**
 * The JSON contract other tools read: extend it, never break it. Written a document at a time
 * (the same text as JSON.stringify with two spaces), the summary after the documents.
 */
export const jsonStream: StreamedFormat = {
  head: ({ header }) =>
    `{\n${field('schemaVersion', SCHEMA_VERSION)},\n${field('tool', header.tool)},\n${field('catalogue', header.catalogue)},\n${header.asOf === undefined ? '' : `${field('asOf', header.asOf)},\n`}${header.config === undefined ? '' : `${field('config', header.config)},\n`}  "documents": [`,
  document: (doc, position) => `${position ? ',' : ''}\n    ${escapeUnsafeJson(JSON.stringify(doc, null, 2)).replace(/\n/g, '\n    ')}`,
  tail: ({ count, summary }) => `${count ? '\n  ' : ''}]${summary ? `,\n${field('summary', summary)}` : ''}\n}\n`,
};

function field(name: string, value: unknown): string {
  return `  ${JSON.stringify(name)}: ${escapeUnsafeJson(JSON.stringify(value, null, 2)).replace(/\n/g, '\n  ')}`;
}

export function renderJson(report: AuditReport): string {
  return renderStreamed(jsonStream, report);
}
