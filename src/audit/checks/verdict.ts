import type { Finding, NotAssessableKind } from '../../types.js';

/** What a check on the document as a whole found: a finding, and whether it makes the document not assessable. */
export interface Verdict {
  /** False for a finding that is reported but does not make the document not assessable. */
  decides?: boolean;
  kind: NotAssessableKind;
  reason: string;
  finding: Finding;
}

/** A finding with the severity its check's meta gives, unless the check says otherwise. */
export function finding(meta: { id: string; severity: Finding['severity'] }, message: string, location: Finding['location'] = {}, severity = meta.severity): Finding {
  return { id: meta.id, severity, message, location };
}
