import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentReport } from '../types.js';

/**
 * Documents as they finish (in any order), kept on disk rather than in memory, then read back
 * in report order as often as there are reports to write: a national batch needs a few bytes of
 * memory per document, not the documents themselves.
 */
export class DocumentSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'sg-audit-spool-'));
  private readonly fd = openSync(join(this.dir, 'documents.jsonl'), 'w+', 0o600);
  private end = 0;
  /** Per report position: where its document starts and how many bytes it takes (-1: none). */
  private readonly offsets: Float64Array;
  private readonly lengths: Float64Array;

  constructor(readonly size: number) {
    this.offsets = new Float64Array(size);
    this.lengths = new Float64Array(size).fill(-1);
  }

  add(doc: DocumentReport, position: number): void {
    const bytes = Buffer.from(JSON.stringify(doc));
    writeSync(this.fd, bytes, 0, bytes.length, this.end);
    this.offsets[position] = this.end;
    this.lengths[position] = bytes.length;
    this.end += bytes.length;
  }

  /** The documents in report order (positions never added are skipped). */
  *inOrder(): Generator<DocumentReport> {
    for (let i = 0; i < this.size; i++) {
      const length = this.lengths[i]!;
      if (length < 0) continue;
      const buffer = Buffer.allocUnsafe(length);
      readSync(this.fd, buffer, 0, length, this.offsets[i]!);
      yield JSON.parse(buffer.toString('utf8')) as DocumentReport;
    }
  }

  dispose(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
