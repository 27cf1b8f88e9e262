// Text read by OCR: its quotes must be checked against the original before they are relied on.
import { FINDING_META } from '../../messages.js';
import type { Finding, PolicyDocument } from '../../types.js';
import { ocrFindings } from '../text-source.js';

export const meta = FINDING_META['ocr']!;

export function check(doc: PolicyDocument): Finding[] {
  return ocrFindings(doc);
}
