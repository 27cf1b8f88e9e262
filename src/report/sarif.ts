import { createHash } from 'node:crypto';
import { FINDING_META } from '../messages.js';
import { atOrAboveGate, failsGate, isGap, type GateOptions } from '../gate/gate.js';
import type { AuditReport, DocumentReport, Evidence, Finding, Level, Location, RequirementResult } from '../types.js';
import { DEFAULT_GATE } from './compact.js';
import { lineNumberOf } from './lines.js';
import type { RenderOptions } from './index.js';
import { STATUS_LABEL, adviceWithWording, escapeMarkdown, excerpt, oneLine, wellFormed } from './shared.js';

// Only the SARIF 2.1.0 members we emit; the test validates the output against the OASIS schema.
type SarifLevel = 'error' | 'warning' | 'note';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { level?: Level; source?: string; area?: string; kind: 'requirement' | 'finding' };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: 'external'; justification: string }>;
  properties: Record<string, string | number>;
}

interface SarifRegion {
  startLine: number;
  /** Page, paragraph, section and the kind of line, for formats whose lines a viewer cannot show. */
  properties?: Record<string, string | number>;
}

interface SarifNotification {
  level: 'error';
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
}

const SARIF_LEVEL: Record<Level, SarifLevel> = { must: 'error', should: 'warning', advisory: 'note' };
const FINDING_LEVEL: Record<NonNullable<Finding['severity']>, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for code-scanning dashboards: one rule per requirement, one result per gap. */
export function renderSarif(report: AuditReport, options: RenderOptions): string {
  const gate = options.gate ?? DEFAULT_GATE;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: SarifResult[] = [];
  const notifications: SarifNotification[] = [];

  for (const doc of report.documents) {
    const uri = toUri(doc.path);
    if (doc.status !== 'audited') {
      notifications.push({
        level: 'error',
        message: { text: `Could not audit ${oneLine(doc.path)} (${doc.status}): ${oneLine(doc.error ?? 'no reason given')}` },
        locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      });
      continue;
    }
    for (const r of doc.requirements) {
      // Rules come from every requirement, not only gaps, so rule indices are stable run to run.
      if (!ruleIndex.has(r.id)) {
        ruleIndex.set(r.id, rules.length);
        rules.push(rule(r));
      }
      if (isGap(r)) results.push(result(r, doc, uri, ruleIndex.get(r.id)!, gate));
    }
    // Currency findings (an outdated term on line 12) are what a reviewer fixes line by line.
    for (const f of doc.findings) {
      if (!ruleIndex.has(f.id)) {
        ruleIndex.set(f.id, rules.length);
        rules.push(findingRule(f));
      }
      results.push(findingResult(f, doc, uri, ruleIndex.get(f.id)!));
    }
  }

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sg-audit', version: report.tool.version, rules } },
        invocations: [notifications.length > 0 ? { executionSuccessful: false, toolExecutionNotifications: notifications } : { executionSuccessful: true }],
        results,
        // The configuration that set the gate, so a dashboard can say where a waiver came from.
        ...(report.config ? { properties: { config: report.config } } : {}),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** "dsl-named" / "DSL_NAMED" → "DslNamed". */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function rule(r: RequirementResult): SarifRule {
  const wordingMd = r.modelWording ? `\n\n**Model wording:**\n\n> ${escapeMarkdown(r.modelWording)}` : '';
  const properties: SarifRule['properties'] = { kind: 'requirement', level: r.level, source: r.source };
  if (r.area) properties.area = r.area;
  return {
    id: r.id,
    name: pascalCase(r.id) || r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.why || r.title },
    help: { text: adviceWithWording(r), markdown: `${escapeMarkdown(r.advice)}${wordingMd}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.level] },
    properties,
  };
}

function result(r: RequirementResult, doc: DocumentReport, uri: string, index: number, gate: GateOptions): SarifResult {
  const anchor: Evidence | undefined = r.evidence[0] ?? r.nearest;
  const loc: Location = anchor?.location ?? {};
  const status = STATUS_LABEL[r.status];
  const text = `${status.charAt(0).toUpperCase()}${status.slice(1)}: ${oneLine(r.title)}. ${oneLine(r.reason)} ${excerpt(r.advice, 160)}`;
  const properties: SarifResult['properties'] = { status: r.status, confidence: r.confidence, ...locationProperties(loc) };
  const out: SarifResult = {
    ruleId: r.id,
    ruleIndex: index,
    level: resultLevel(doc, r, gate),
    message: { text: text.trim() },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(doc, loc) } }],
    // Line-independent, so a gap keeps its identity when the policy is edited above it.
    partialFingerprints: { 'sgAudit/v1': fingerprint(r.id, uri) },
    properties,
  };
  if (r.waived) out.suppressions = [{ kind: 'external', justification: r.waived.reason }];
  return out;
}

/** A finding's rule from its check's meta (src/messages.ts); an id without meta gets the finding's own severity. */
function findingRule(f: Finding): SarifRule {
  const meta = FINDING_META[f.id];
  const text = meta?.description ?? f.id;
  return {
    id: f.id,
    name: pascalCase(f.id) || f.id,
    shortDescription: { text },
    fullDescription: { text },
    help: { text, markdown: escapeMarkdown(text) },
    defaultConfiguration: { level: FINDING_LEVEL[meta?.severity ?? f.severity ?? 'warning'] },
    properties: { kind: 'finding' },
  };
}

function findingResult(f: Finding, doc: DocumentReport, uri: string, index: number): SarifResult {
  const properties = locationProperties(f.location);
  return {
    ruleId: f.id,
    ruleIndex: index,
    level: FINDING_LEVEL[f.severity ?? 'warning'],
    message: { text: oneLine(f.message) },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(doc, f.location) } }],
    // Numbers (dates, counts) left out, so the same stale term keeps its identity from run to run.
    partialFingerprints: { 'sgAudit/v1': fingerprint(f.id, uri, f.message.replace(/\d+/g, '#')) },
    properties,
  };
}

/**
 * The level follows the gate, so code scanning agrees with the exit status: a gap that fails the
 * run is an error; one below the gate a warning (a note for advisory requirements).
 */
function resultLevel(doc: DocumentReport, r: RequirementResult, gate: GateOptions): SarifLevel {
  // A waived gap keeps the level it would have had: its suppression is what hides it.
  if (failsGate(doc, r, { ...gate, softFail: false }) || (r.waived && atOrAboveGate(r, gate))) return 'error';
  return r.level === 'advisory' ? 'note' : 'warning';
}

/**
 * A region a viewer can use: Markdown's source line; for DOCX the paragraph, for PDF the line of
 * the extracted text (the JSON report's `paragraph` and `textLine`), with the page, paragraph and
 * section in region.properties, since neither format has lines a viewer can show.
 */
function region(doc: DocumentReport, loc: Location): SarifRegion {
  const startLine = lineNumberOf(doc, loc);
  if (doc.format === 'markdown') return { startLine };
  const properties: Record<string, string | number> = { ...locationProperties(loc), lineKind: doc.format === 'docx' ? 'paragraph' : 'extracted-text-line' };
  return { startLine, properties };
}

/** Where a result stands beyond a line: page, paragraph and section, as properties a viewer can show. */
function locationProperties(loc: Location): Record<string, string | number> {
  const properties: Record<string, string | number> = {};
  if (loc.page !== undefined) properties.page = loc.page;
  if (loc.paragraph !== undefined) properties.paragraph = loc.paragraph;
  if (loc.section) properties.section = loc.section;
  return properties;
}

function fingerprint(ruleId: string, uri: string, detail = ''): string {
  return createHash('sha256')
    .update(`${ruleId}\u0000${uri}${detail ? `\u0000${detail}` : ''}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * The document path as a URI reference: forward slashes, relative paths kept relative, each
 * segment percent-encoded (a space or "#" is not valid in a URI), Windows drives as file:///C:/.
 */
export function toUri(path: string): string {
  const slashed = wellFormed(path).replace(/\\/g, '/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  const rest = drive ? slashed.slice(2) : slashed;
  const encoded = rest.split('/').map(encodeURIComponent).join('/');
  return drive ? `file:///${drive[1]}:${encoded}` : encoded;
}
