// The report formats written a document at a time (memory flat with the number of documents).
// Any other format is rendered from the whole report in memory.
import { csvMatrixStream } from './csv-matrix.js';
import { csvStream } from './csv.js';
import type { ReportFormat } from './index.js';
import { jsonStream } from './json.js';
import { jsonlStream } from './jsonl.js';
import type { StreamedFormat } from './stream.js';

const STREAMED: Partial<Record<ReportFormat, StreamedFormat>> = {
  json: jsonStream,
  jsonl: jsonlStream,
  csv: csvStream,
  'csv-matrix': csvMatrixStream,
};

export function streamedFormat(format: ReportFormat): StreamedFormat | undefined {
  return STREAMED[format];
}
