// The library API: the same stages the CLI wires together.
export type * from './types.js';
export { readPolicy, readPolicyData, type IngestOptions } from './ingest/index.js';
export { loadCatalogue } from './catalogue/load.js';
export type { Catalogue, RequirementSpec, ProfileSpec } from './catalogue/model.js';
export { loadPreparedCatalogue, prepareCatalogue, type PreparedCatalogue } from './audit/prepared.js';
export { auditDocument, type AuditOptions } from './audit/audit.js';
export { auditFiles, reportHeader, type RunOptions } from './run/run.js';
export { loadConfig, type Config, type Waiver } from './gate/config.js';
export { prepareWaivers, applyWaivers, RunWaivers, type ExpiredWaiver, type WaiverSource } from './gate/waivers.js';
export { auditFile } from './run/audit-file.js';
export { renderReport, renderReportFile, REPORT_FORMATS, type ReportFormat } from './report/index.js';
export { exitStatus, type GateOptions, type FailOn } from './gate/gate.js';
export { InputError, ConfigError } from './util/errors.js';
export { diffDocuments, diffFailsGate, type PolicyDiff, type RequirementChange, type ChangeKind } from './diff/diff.js';
export { renderDiff, DIFF_FORMATS, type DiffFormat } from './diff/render.js';
