import { InputError } from '../util/errors.js';
import type { DocumentReport } from '../types.js';

/**
 * Errors that are the input's doing even though no reader named them: said as the file's
 * reason, not as an internal error (deep nesting, permissions, a file gone or swapped mid-run).
 */
const INPUT_CAUSES: [RegExp, string][] = [
  [/Maximum call stack size exceeded|too much recursion/i, 'nested too deeply to read'],
  [/Invalid string length|Array buffer allocation failed|out of memory|heap/i, 'needed too much memory to read'],
  [/\bEACCES\b|\bEPERM\b/, 'permission denied'],
  [/\bENOENT\b/, 'file not found'],
  [/\bEISDIR\b/, 'is a folder, not a file'],
  [/\bEIO\b/, 'the disk could not read it (EIO)'],
];

/** One document's report saying why it could not be audited; never throws. */
export function failedReport(path: string, err: unknown, debug = false): DocumentReport {
  const reason = asInputError(err);
  const report: DocumentReport = {
    path,
    status: reason ? reason.kind : 'error',
    error: reason ? reason.message : `internal error: ${(err as Error)?.message ?? String(err)}`,
    summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 },
    requirements: [],
    findings: [],
  };
  if (!reason && debug) {
    report.notes = [String((err as Error)?.stack ?? err)];
    report.noteIds = ['debug-stack'];
  }
  return report;
}

function asInputError(err: unknown): InputError | undefined {
  if (err instanceof InputError) return err;
  const text = `${(err as NodeJS.ErrnoException)?.code ?? ''} ${(err as Error)?.message ?? String(err)}`;
  for (const [pattern, reason] of INPUT_CAUSES) if (pattern.test(text)) return new InputError(reason);
  return undefined;
}
