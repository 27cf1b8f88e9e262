import type { GateOptions } from '../gate/gate.js';
import type { AuditReport } from '../types.js';
import { renderCompact } from './compact.js';
import { renderCsv } from './csv.js';
import { renderCsvMatrix } from './csv-matrix.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJsonl } from './jsonl.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderSummaryCsv } from './summary-csv.js';
import { renderText } from './text.js';
import { sanitiseReport } from './sanitise.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html', 'sarif', 'junit', 'csv', 'csv-matrix', 'jsonl', 'summary-csv', 'compact', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** Colour (ANSI) in the text report; callers decide from TTY / NO_COLOR / FORCE_COLOR. */
  color?: boolean;
  /** Text report: only the summary and the gaps; compact: only what fails the gate. */
  quiet?: boolean;
  /** The run's gate: JUnit failures, SARIF levels and compact levels follow it (default: --fail-on must). */
  gate?: GateOptions;
}

type Renderer = (report: AuditReport, options: RenderOptions) => string;

const renderers: Partial<Record<ReportFormat, Renderer>> = {
  json: (report) => renderJson(report),
  text: renderText,
  markdown: renderMarkdown,
  html: renderHtml,
  sarif: renderSarif,
  junit: renderJunit,
  csv: renderCsv,
  'csv-matrix': renderCsvMatrix,
  jsonl: renderJsonl,
  'summary-csv': renderSummaryCsv,
  compact: renderCompact,
};

/** Formats whose report is bytes, not text: written to a file, or to stdout only when it is not a terminal. */
export const BINARY_FORMATS: ReadonlySet<ReportFormat> = new Set(['docx']);

/** Any format, text or binary (DOCX is built asynchronously, and its library loaded only when asked for). */
export async function renderReportFile(format: ReportFormat, report: AuditReport, options: RenderOptions = {}): Promise<string | Uint8Array> {
  if (format === 'docx') return (await import('./docx.js')).renderDocx(sanitiseReport(report));
  return renderReport(format, report, options);
}

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

export function renderReport(format: ReportFormat, report: AuditReport, options: RenderOptions = {}): string {
  const render = renderers[format];
  if (!render) throw new Error(`the ${format} report is binary: render it with renderReportFile`);
  // JSON escapes what it must itself (losslessly); every other format shows it sanitised.
  return render(format === 'json' || format === 'jsonl' ? report : sanitiseReport(report), options);
}
