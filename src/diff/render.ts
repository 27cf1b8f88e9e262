import { quoteText } from '../report/location.js';
import { escapeHtml, escapeMarkdown as md, oneLine } from '../report/shared.js';
import type { ChangeKind, DiffSide, PolicyDiff, RequirementChange } from './diff.js';

export const DIFF_FORMATS = ['text', 'markdown', 'html', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Shorter quotes than a report's: a diff shows both sides, up to three each, in one row. */
const QUOTE_LENGTH = 160;
const QUOTES_PER_SIDE = 3;

const LABEL: Record<ChangeKind, string> = {
  lost: 'LOST',
  gained: 'gained',
  worse: 'worse',
  better: 'better',
  'evidence-changed': 'evidence changed',
  changed: 'changed',
};

export function renderDiff(diff: PolicyDiff, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  if (format === 'markdown') return renderMarkdownDiff(diff);
  if (format === 'html') return renderHtmlDiff(diff);
  return renderTextDiff(diff);
}

function headline(diff: PolicyDiff): string {
  const s = diff.summary;
  return `${s.lost} lost, ${s.worse} worse, ${s.better} better, ${s.gained} gained, ${s.evidenceChanged} with changed evidence, ${s.unchanged} unchanged; findings: ${diff.findings.new.length} new, ${diff.findings.resolved.length} resolved`;
}

/** A side's passages as plain text, for each format to escape and join. */
function quotes(s: DiffSide): string[] {
  return s.evidence.slice(0, QUOTES_PER_SIDE).map((e) => quoteText(e, { max: QUOTE_LENGTH }));
}

function sideText(s: DiffSide): string {
  return s.evidence.length ? quotes(s).join('; ') : `(nothing: ${oneLine(s.reason)})`;
}

function renderTextDiff(diff: PolicyDiff): string {
  const out = [
    `sg-audit ${diff.tool.version} · ${oneLine(diff.catalogue.name)} ${oneLine(diff.catalogue.version)} · diff`,
    `old: ${oneLine(diff.old.path)}${diff.old.profile ? ` (profile ${oneLine(diff.old.profile)})` : ''}`,
    `new: ${oneLine(diff.new.path)}${diff.new.profile ? ` (profile ${oneLine(diff.new.profile)})` : ''}`,
    '',
    diff.changes.length || diff.findings.new.length || diff.findings.resolved.length ? headline(diff) : 'No change: every requirement has the same status and evidence.',
  ];
  for (const c of diff.changes) {
    out.push('', `${LABEL[c.change]}: ${c.id} (${c.level}) ${oneLine(c.title)}: ${c.old.status} → ${c.new.status}${c.failsGate ? ' [fails the gate]' : ''}`);
    out.push(`  old: ${sideText(c.old)}`, `  new: ${sideText(c.new)}`);
  }
  for (const f of diff.findings.new) out.push('', `new finding: ${f.id}: ${oneLine(f.message)}`);
  for (const f of diff.findings.resolved) out.push('', `resolved finding: ${f.id}: ${oneLine(f.message)}`);
  return `${out.join('\n')}\n`;
}

function mdSide(s: DiffSide): string {
  return s.evidence.length ? quotes(s).map(md).join('<br>') : `_${md(oneLine(s.reason))}_`;
}

function renderMarkdownDiff(diff: PolicyDiff): string {
  const out = [
    '# Safeguarding policy revision',
    '',
    `Old: \`${md(diff.old.path)}\` · New: \`${md(diff.new.path)}\` · ${md(diff.catalogue.name)} ${md(diff.catalogue.version)} · sg-audit ${md(diff.tool.version)}`,
    '',
  ];
  if (!diff.changes.length && !diff.findings.new.length && !diff.findings.resolved.length) {
    out.push('No change: every requirement has the same status and evidence.');
    return `${out.join('\n')}\n`;
  }
  out.push(md(headline(diff)), '');
  if (diff.changes.length) {
    out.push('| Change | Requirement | Level | Old | New |', '|---|---|---|---|---|');
    for (const c of diff.changes) {
      out.push(
        `| ${c.failsGate ? '**' : ''}${md(LABEL[c.change])}${c.failsGate ? '**' : ''} | ${md(c.id)}: ${md(c.title)} | ${c.level} | ${c.old.status}: ${mdSide(c.old)} | ${c.new.status}: ${mdSide(c.new)} |`,
      );
    }
  }
  const findings = [...diff.findings.new.map((f) => ['New', f] as const), ...diff.findings.resolved.map((f) => ['Resolved', f] as const)];
  if (findings.length) {
    out.push('', '## Findings', '', ...findings.map(([kind, f]) => `- ${kind}: **${md(f.id)}**: ${md(oneLine(f.message))}`));
  }
  return `${out.join('\n')}\n`;
}

function htmlSide(s: DiffSide): string {
  return s.evidence.length
    ? quotes(s)
        .map((q) => `<blockquote>${escapeHtml(q)}</blockquote>`)
        .join('')
    : `<em>${escapeHtml(oneLine(s.reason))}</em>`;
}

function renderHtmlDiff(diff: PolicyDiff): string {
  const row = (c: RequirementChange) =>
    `<tr class="${c.change}"><td>${escapeHtml(LABEL[c.change])}${c.failsGate ? ' (fails the gate)' : ''}</td><td>${escapeHtml(c.id)}<br>${escapeHtml(c.title)}</td><td>${c.level}</td><td><b>${c.old.status}</b>${htmlSide(c.old)}</td><td><b>${c.new.status}</b>${htmlSide(c.new)}</td></tr>`;
  const findings = [
    ...diff.findings.new.map((f) => `<li>New: <b>${escapeHtml(f.id)}</b>: ${escapeHtml(oneLine(f.message))}</li>`),
    ...diff.findings.resolved.map((f) => `<li>Resolved: <b>${escapeHtml(f.id)}</b>: ${escapeHtml(oneLine(f.message))}</li>`),
  ];
  const empty = !diff.changes.length && !findings.length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Safeguarding policy revision</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4em;vertical-align:top;text-align:left}blockquote{margin:.3em 0;color:#333}.lost td:first-child,.worse td:first-child{background:#fde2e2}.gained td:first-child,.better td:first-child{background:#e2f5e2}</style>
</head><body>
<h1>Safeguarding policy revision</h1>
<p>Old: <code>${escapeHtml(diff.old.path)}</code> · New: <code>${escapeHtml(diff.new.path)}</code> · ${escapeHtml(diff.catalogue.name)} ${escapeHtml(diff.catalogue.version)} · sg-audit ${escapeHtml(diff.tool.version)}</p>
<p>${escapeHtml(empty ? 'No change: every requirement has the same status and evidence.' : headline(diff))}</p>
${diff.changes.length ? `<table><thead><tr><th>Change</th><th>Requirement</th><th>Level</th><th>Old</th><th>New</th></tr></thead><tbody>\n${diff.changes.map(row).join('\n')}\n</tbody></table>` : ''}
${findings.length ? `<h2>Findings</h2><ul>${findings.join('')}</ul>` : ''}
</body></html>
`;
}
