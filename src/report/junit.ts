import { failsGate, isGap, type GateOptions } from '../gate/gate.js';
import type { AuditReport, DocumentReport, RequirementResult } from '../types.js';
import { DEFAULT_GATE } from './compact.js';
import type { RenderOptions } from './index.js';
import { LONE_SURROGATE, adviceWithWording, escapeHtml, oneLine } from './shared.js';

/** Characters XML 1.0 forbids besides lone surrogates: C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escaped XML character data, with illegal characters dropped (a parser would reject the file). */
function xmlText(text: string): string {
  return escapeHtml(text.replace(ILLEGAL_XML, '').replace(LONE_SURROGATE, ''));
}

/** Escaped attribute value; line breaks and tabs as references, since parsers fold them to spaces. */
function xmlAttr(text: string): string {
  return xmlText(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${xmlAttr(String(value))}"`)
    .join('');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * JUnit XML so CI systems show each requirement as a test. Only gaps that fail the run's gate
 * (--fail-on, --fail-on-id, not waived, not in the baseline) are failures, so the CI's test view
 * agrees with the exit status; other gaps pass with their status as output, waived and n/a skip.
 */
export function renderJunit(report: AuditReport, options: RenderOptions): string {
  const gate = options.gate ?? DEFAULT_GATE;
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = report.documents.map((doc) => {
    const { xml, counts } = doc.status === 'audited' ? auditedSuite(doc, gate) : failedSuite(doc);
    for (const key of Object.keys(total) as Array<keyof Counts>) total[key] += counts[key];
    return xml;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'sg-audit', ...total })}>`, ...suites, '</testsuites>', ''].join('\n');
}

function auditedSuite(doc: DocumentReport, gate: GateOptions): { xml: string; counts: Counts } {
  const counts: Counts = { tests: doc.requirements.length, failures: 0, errors: 0, skipped: 0 };
  const cases = doc.requirements.map((r) => {
    const open = `    <testcase${attrs({ classname: doc.path, name: `${r.id}: ${r.title}` })}`;
    const outcome = caseOutcome(r, failsGate(doc, r, { ...gate, softFail: false }));
    if (outcome.kind === 'failure') counts.failures++;
    if (outcome.kind === 'skipped') counts.skipped++;
    return outcome.xml ? `${open}>\n${outcome.xml}\n    </testcase>` : `${open}/>`;
  });
  const xml = [`  <testsuite${attrs({ name: doc.path, ...counts })}>`, ...cases, '  </testsuite>'].join('\n');
  return { xml, counts };
}

function caseOutcome(r: RequirementResult, failing: boolean): { kind: 'pass' | 'failure' | 'skipped'; xml: string } {
  if (r.status === 'not-applicable') {
    return { kind: 'skipped', xml: `      <skipped${attrs({ message: `not applicable: ${oneLine(r.reason)}` })}/>` };
  }
  if (isGap(r) && r.waived) {
    return { kind: 'skipped', xml: `      <skipped${attrs({ message: `waived: ${oneLine(r.waived.reason)}` })}/>` };
  }
  if (isGap(r)) {
    const body = [`${r.status}: ${r.reason}`, r.missing ? `Missing: ${r.missing}` : '', adviceWithWording(r)].filter(Boolean).join('\n');
    const message = `${r.status}: ${oneLine(r.reason)}`;
    if (failing) return { kind: 'failure', xml: `      <failure${attrs({ message, type: r.level })}>${xmlText(body)}</failure>` };
    // Below the gate: a pass that still says what is missing, for whoever reads the test output.
    return { kind: 'pass', xml: `      <system-out>${xmlText(`${r.level} gap below the gate (passes): ${body}`)}</system-out>` };
  }
  return { kind: 'pass', xml: '' };
}

/** A document that could not be audited is one errored test, so CI cannot mistake it for a pass. */
function failedSuite(doc: DocumentReport): { xml: string; counts: Counts } {
  const counts: Counts = { tests: 1, failures: 0, errors: 1, skipped: 0 };
  const message = `${doc.status}: ${oneLine(doc.error ?? 'no reason given')}`;
  const xml = [
    `  <testsuite${attrs({ name: doc.path, ...counts })}>`,
    `    <testcase${attrs({ classname: doc.path, name: 'audit document' })}>`,
    `      <error${attrs({ message, type: doc.status })}/>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}
