import { describe, expect, it } from 'vitest';
import { rag, ragReason, triage } from '../src/report/shared.js';
import { triageOrder } from '../src/report/summary.js';
import type { DocumentReport, Level, RequirementResult, Status } from '../src/types.js';

function req(level: Level, status: Status, waived = false): RequirementResult {
  return {
    id: `${level}-${status}-${Math.random()}`,
    title: 't',
    level,
    status,
    confidence: 1,
    evidence: [],
    reason: '',
    source: '',
    advice: '',
    ...(waived ? { waived: { reason: 'accepted' } } : {}),
  };
}

function doc(path: string, requirements: RequirementResult[]): DocumentReport {
  return { path, status: 'audited', summary: { met: 0, partial: 0, missing: 0, notApplicable: 0 }, requirements, findings: [] };
}

describe('score and RAG', () => {
  it('scores must and should requirements that apply, partial counting half, advisory and waived gaps left out', () => {
    expect(triage([req('must', 'met'), req('should', 'partial'), req('should', 'missing'), req('advisory', 'missing'), req('should', 'not-applicable')]).score).toBe(50);
    expect(triage([req('must', 'met'), req('should', 'missing', true)]).score).toBe(100);
    expect(triage([req('advisory', 'missing')]).score).toBeUndefined();
  });

  it('is red only with a must missing or a score under 50, so a bar with nothing missing is never red', () => {
    expect(rag([req('must', 'missing'), req('should', 'met'), req('should', 'met'), req('should', 'met')])).toBe('red');
    expect(ragReason([req('must', 'missing')])).toBe('1 must requirement not covered');
    expect(rag([req('should', 'met'), req('should', 'missing'), req('should', 'missing')])).toBe('red');
    // All partly covered: half of what applies, nothing missing.
    const allPartial = [req('must', 'partial'), req('should', 'partial'), req('advisory', 'partial')];
    expect(rag(allPartial)).toBe('amber');
    expect(ragReason(allPartial)).toBe('1 must requirement partly covered');
    expect(rag([req('must', 'met'), req('should', 'met'), req('should', 'met'), req('should', 'partial')])).toBe('green');
    expect(rag([req('must', 'met'), req('should', 'met'), req('should', 'partial'), req('should', 'missing')])).toBe('amber');
    expect(rag([req('must', 'met'), req('advisory', 'missing')])).toBe('green');
    expect(rag([req('must', 'missing', true), req('should', 'met')])).toBe('green');
    expect(rag([req('must', 'not-applicable')])).toBe('n/a');
  });

  it('ranks by score whatever the profile size, then more must gaps first', () => {
    // A profile with many must requirements and most met outranks a placeholder with few.
    const nursery = doc('nursery.md', [...Array.from({ length: 18 }, () => req('must', 'met')), req('must', 'missing'), req('must', 'missing')]);
    const stub = doc('stub.md', [req('must', 'missing'), req('should', 'missing')]);
    const tieA = doc('a.md', [req('must', 'met'), req('should', 'missing')]);
    const tieB = doc('b.md', [req('must', 'missing'), req('should', 'met')]);
    const { ranked } = triageOrder([nursery, tieA, stub, tieB]);
    expect(ranked.map((r) => [r.doc.path, r.score])).toEqual([
      ['stub.md', 0],
      ['b.md', 50],
      ['a.md', 50],
      ['nursery.md', 90],
    ]);
  });
});
