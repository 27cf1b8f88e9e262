// The data that flows between the stages: ingest → catalogue → audit → report.
// Every stage depends on these types only, never on another stage's internals.

export type DocumentFormat = 'markdown' | 'docx' | 'pdf';

/** Where a piece of text stands. Keys are present only where they apply to the format. */
export interface Location {
  /** 1-based page (PDF). */
  page?: number;
  /** 1-based source line (Markdown). */
  line?: number;
  /** 1-based paragraph number in document order (DOCX). */
  paragraph?: number;
  /**
   * 1-based line of the text sg-audit extracted, one block (paragraph, list item, cell) a line
   * (PDF): a line number for tools that need one (SARIF startLine, --format compact).
   */
  textLine?: number;
  /** The heading path, joined with " > ", e.g. "5 Allegations > 5.2 The LADO". */
  section?: string;
}

export type BlockKind = 'paragraph' | 'list-item' | 'table-cell';

export interface Block {
  kind: BlockKind;
  text: string;
  location: Location;
  /** Index into PolicyDocument.sections of the section holding this block. */
  section: number;
  /** Table cells of one row share a number (unique in the document): a row pairs a role with a person. */
  row?: number;
}

export interface Section {
  /** Heading text; "" for the untitled section before the first heading. */
  heading: string;
  /** 1–6 for headings; 0 for the untitled leading section. */
  level: number;
  /** Headings from the outermost down to this one. */
  path: string[];
  /** Index of the enclosing section, undefined for top-level sections. */
  parent?: number;
  location: Location;
  /** Indices into PolicyDocument.blocks, in document order. */
  blocks: number[];
}

export interface PolicyDocument {
  /** The path as the user gave it. */
  path: string;
  format: DocumentFormat;
  title?: string;
  /** Sections in document order; a flat list whose `parent` links form the tree. */
  sections: Section[];
  /** Every block in document order. */
  blocks: Block[];
  /** Pages in the source (PDF only). */
  pageCount?: number;
  /** Notes about how the file was read (e.g. "extension says .pdf but content is DOCX"): their wording, for reports. */
  notes: string[];
  /** The same notes as typed messages, one for one with `notes` (add both with ingest's addNote). */
  readerNotes: ReaderNote[];
  /** Front matter fields (Markdown) or document properties, when present. */
  metadata?: Record<string, string>;
  /** The organisation's name as the document gives it (ingest's organisationName), for reports. */
  organisation?: string;
  /** Set when some text came from OCR (--ocr): all of it ('ocr') or alongside a text layer ('mixed'). */
  textSource?: TextSource;
  /** The pages whose text came from OCR. */
  ocrPages?: number[];
  /** Why a document with no text to audit could not be read, when the reader knows better than "no text" (OCR failed). */
  unreadableReason?: string;
}

/** Where the text came from when it was not (only) the file's own text: OCR of pages without a text layer. */
export type TextSource = 'ocr' | 'mixed';

export type Level = 'must' | 'should' | 'advisory';
export const LEVELS: readonly Level[] = ['must', 'should', 'advisory'];

export type Status = 'met' | 'partial' | 'missing' | 'not-applicable';

export interface Evidence {
  text: string;
  location: Location;
}

export interface RequirementResult {
  id: string;
  title: string;
  level: Level;
  status: Status;
  /** 0–1: how sure the matcher is of this status. */
  confidence: number;
  evidence: Evidence[];
  /** Plain-English reason for the judgement. */
  reason: string;
  /** For gaps: the closest passage the policy has, so a reviewer can check quickly. */
  nearest?: Evidence;
  /** For gaps: what the policy is missing. */
  missing?: string;
  source: string;
  why?: string;
  advice: string;
  /** A model sentence a policy could adopt. */
  modelWording?: string;
  area?: string;
  /** Set when a waiver covers this gap. */
  waived?: {
    reason: string;
    expires?: string;
    /** What waived it: the configuration file, or the inline directive's file:line. */
    by?: string;
  };
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * A message about a document, told apart by its id (listed with its meaning in src/messages.ts),
 * never by its wording: `message` is for people only.
 */
export interface Message {
  id: string;
  message: string;
  location: Location;
  severity: Severity;
}

/** What a check under src/audit/checks/ found. */
export interface Finding {
  id: string;
  message: string;
  location: Location;
  severity?: Severity;
  /** Values the message quotes, for code that needs them (review-overdue: `due` or `approved`). */
  data?: Record<string, string>;
}

/** A note on how ingest read the file. */
export type ReaderNote = Message;

export interface Summary {
  met: number;
  partial: number;
  missing: number;
  notApplicable: number;
}

export type DocumentStatus = 'audited' | 'not-assessable' | 'unreadable' | 'error';
export type JurisdictionId = 'england' | 'wales' | 'scotland' | 'northern-ireland' | 'outside-uk';
export type NotAssessableKind = 'stub' | 'not-child-safeguarding' | 'adults-only' | 'not-english' | 'outside-jurisdiction';

export interface DocumentReport {
  path: string;
  format?: DocumentFormat;
  status: DocumentStatus;
  error?: string;
  profile?: string;
  /** Why this profile was chosen (auto-detection or the user's flag). */
  profileReason?: string;
  summary: Summary;
  requirements: RequirementResult[];
  findings: Finding[];
  notes?: string[];
  /** The id of each note in `notes`, in the same order (see src/messages.ts). */
  noteIds?: string[];
  /** Present only when some text was read by OCR: quotes may differ from the original. */
  textSource?: TextSource;
  /** The pages read by OCR (present with textSource). */
  ocrPages?: number[];
  /** Why the document could not be assessed against the catalogue (status 'not-assessable'). */
  notAssessable?: { kind: NotAssessableKind; reason: string };
  /** The nation or country the policy is written for, and the passages that decided it. */
  jurisdiction?: { id: JurisdictionId; reason: string; evidence: Evidence[] };
  /** The organisation's name as the document gives it (title, properties or first lines), for people reading reports. */
  organisation?: string;
}

/** Counts across the documents of a run, for an inspector's overview. */
export interface BatchSummary {
  documents: number;
  audited: number;
  unreadable: number;
  errors: number;
  /** Documents that could be read but not assessed against the catalogue (stub, adults only, another country…). */
  notAssessable: number;
  /** Per requirement id: how many audited documents met it, partly met it, missed it. */
  requirements: Record<string, { title: string; level: Level; met: number; partial: number; missing: number; notApplicable: number }>;
}

/** The version of schema/report.schema.json that JSON and JSONL reports (and baselines) follow: bumped on any change. */
export const SCHEMA_VERSION = '1.0.0';

export interface AuditReport {
  /** The version of schema/report.schema.json this report follows. */
  schemaVersion?: string;
  tool: { name: 'sg-audit'; version: string };
  /** The catalogue's version and the date its sources were last checked against the published guidance. */
  catalogue: { name: string; version: string; sourcesChecked?: string };
  /** The date the audit was judged against (YYYY-MM-DD). */
  asOf?: string;
  /** The configuration file the run used, if any. */
  config?: string;
  /** Across all documents (present when the run has more than one document). */
  summary?: BatchSummary;
  documents: DocumentReport[];
}
