// What sg-audit reads, without loading any reader: the CLI's main thread needs these names
// and limits, while the readers themselves load only in the workers.
import type { DocumentFormat } from '../types.js';

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
/** Markdown or plain text longer than this is refused: a 100-page policy is about 300 KB. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export const EXTENSION_FORMAT: Record<string, DocumentFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdown': 'markdown',
  '.txt': 'markdown',
  '.text': 'markdown',
  '.docx': 'docx',
  '.pdf': 'pdf',
};
