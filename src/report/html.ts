import { jurisdictionTitle } from '../audit/jurisdiction.js';
import { mostMissed, weakestFirst } from '../summary.js';
import type { AuditReport, BatchSummary, DocumentReport, Evidence, Level, RequirementResult, Status } from '../types.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import { type Rag, actionPlan, escapeHtml as h, excerpt, formatLabel, groupByArea, rag, tally } from './shared.js';

// Plain words for a board member rather than the catalogue's terms.
const STATUS_WORDS: Record<Status, string> = {
  met: 'Covered',
  partial: 'Partly covered',
  missing: 'Not covered',
  'not-applicable': 'Not applicable',
};
const LEVEL_WORDS: Record<Level, string> = { must: 'Must', should: 'Should', advisory: 'Advisory' };
const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', 'n/a': 'N/A' };
const RAG_CLASS: Record<Rag, string> = { red: 'red', amber: 'amber', green: 'green', 'n/a': 'na' };

/**
 * One self-contained HTML page: inline CSS, no scripts, no external resources, and a CSP that
 * forbids loading anything should a future change slip. All report text goes through `h`.
 */
export function renderHtml(report: AuditReport, _options: RenderOptions): string {
  const asOf = report.asOf ? ` · judged as of ${h(report.asOf)}` : '';
  const body = [
    '<header>',
    '<h1>Safeguarding policy audit</h1>',
    `<p class="meta">Checked against ${h(report.catalogue.name)} ${h(report.catalogue.version)}${report.catalogue.sourcesChecked ? ` (sources checked ${h(report.catalogue.sourcesChecked)})` : ''}${asOf} · sg-audit ${h(report.tool.version)}</p>`,
    '</header>',
    report.documents.length > 1 ? overview(report.documents, report.summary) : '',
    ...report.documents.map((doc, i) => documentSection(doc, i)),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Safeguarding policy audit</title>
<style>${CSS}</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function anchor(index: number): string {
  return `doc-${index + 1}`;
}

function ragBadge(value: Rag): string {
  return `<span class="rag rag-${RAG_CLASS[value]}">${RAG_WORDS[value]}</span>`;
}

/** A waived gap is neither green nor a gap to act on now, so it gets its own neutral badge. */
function requirementBadge(r: RequirementResult): string {
  return r.waived ? '<span class="rag rag-na">Accepted</span>' : ragBadge(rag([r]));
}

function overview(docs: readonly DocumentReport[], summary: BatchSummary | undefined): string {
  const rows = docs.map((doc, i) => {
    const link = `<a href="#${anchor(i)}">${h(doc.path)}</a>`;
    if (doc.status !== 'audited') return `<tr><td>${link}</td><td colspan="4" class="error">Could not be checked (${h(doc.status)})</td></tr>`;
    const t = tally(doc.requirements);
    return `<tr><td>${link}</td><td>${ragBadge(rag(doc.requirements))}</td><td>${t.met}</td><td>${t.partial}</td><td>${t.missing}</td></tr>`;
  });
  const table = `<table>
<thead><tr><th>Document</th><th>Overall</th><th>Covered</th><th>Partly covered</th><th>Not covered</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  // With a batch summary: the counts, the table, then the heatmap and per-requirement counts.
  const parts = summary ? [batchCounts(summary), table, heatmap(docs, summary), requirementCounts(summary)] : [table];
  return `<section class="overview">
<h2>Documents at a glance</h2>
${parts.filter(Boolean).join('\n')}
</section>`;
}

function batchCounts(summary: BatchSummary): string {
  const parts = [`${summary.documents} documents`, `${summary.audited} checked`];
  if (summary.unreadable > 0) parts.push(`${summary.unreadable} could not be read`);
  if (summary.errors > 0) parts.push(`${summary.errors} failed with an error`);
  return `<p class="headline">${parts.join(' · ')}</p>`;
}

type HeatClass = 'met' | 'partial' | 'missing' | 'na' | 'accepted' | 'none';
const HEAT_SYMBOL: Record<HeatClass, string> = { met: '✓', partial: '◐', missing: '✗', na: '–', accepted: '○', none: '' };
const HEAT_WORDS: Record<HeatClass, string> = {
  met: STATUS_WORDS.met,
  partial: STATUS_WORDS.partial,
  missing: STATUS_WORDS.missing,
  na: STATUS_WORDS['not-applicable'],
  accepted: 'Gap accepted (waived)',
  none: 'Not checked for this document',
};

function heatClass(r: RequirementResult | undefined): HeatClass {
  if (!r) return 'none';
  if (r.waived) return 'accepted';
  return r.status === 'not-applicable' ? 'na' : r.status;
}

/**
 * Documents × requirements, weakest document first, each cell coloured by status; every
 * document name links to its own section below. Cells carry a symbol as well as a colour.
 */
function heatmap(docs: readonly DocumentReport[], summary: BatchSummary): string {
  const ids = Object.keys(summary.requirements);
  if (ids.length === 0) return '';
  const head = ids
    .map((id) => `<th scope="col" class="hm-id" title="${h(`${summary.requirements[id]!.title} (${summary.requirements[id]!.level})`)}"><span>${h(id)}</span></th>`)
    .join('');
  const rows = weakestFirst(docs).map(({ doc, index }) => {
    const name = `<th scope="row" class="hm-doc"><a href="#${anchor(index)}">${h(doc.path)}</a></th>`;
    if (doc.status !== 'audited') return `<tr>${name}<td colspan="${ids.length}" class="hm hm-error">Could not be checked (${h(doc.status)})</td></tr>`;
    const byId = new Map(doc.requirements.map((r) => [r.id, r]));
    const cells = ids.map((id) => {
      const cls = heatClass(byId.get(id));
      return `<td class="hm hm-${cls}">${HEAT_SYMBOL[cls]}</td>`;
    });
    return `<tr>${name}${cells.join('')}</tr>`;
  });
  const key = (['met', 'partial', 'missing', 'accepted', 'na'] as const)
    .map((cls) => `<span class="swatch hm-${cls}"></span> ${HEAT_WORDS[cls]}`)
    .join(' ');
  return `<h3>Requirement by requirement</h3>
<p class="meta">Weakest document first: most must requirements not fully covered, then most gaps. Select a document to read its report.</p>
<p class="key">${key}</p>
<div class="heatmap-wrap">
<table class="heatmap">
<thead><tr><th scope="col" class="hm-doc">Document</th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`;
}

/** Per requirement, how many checked documents cover it: most often not covered first. */
function requirementCounts(summary: BatchSummary): string {
  const reqs = mostMissed(summary, Infinity, false);
  if (reqs.length === 0) return '';
  const rows = reqs.map(
    (r) =>
      `<tr><td>${h(r.title)}<br><span class="meta">${h(r.id)}</span></td><td>${LEVEL_WORDS[r.level]}</td><td>${r.missing}</td><td>${r.partial}</td><td>${r.met}</td><td>${r.notApplicable}</td></tr>`,
  );
  return `<h3>Requirements across the documents</h3>
<p class="meta">How many of the ${summary.audited} checked documents cover each requirement, the most often not fully covered first.</p>
<table class="requirements counts">
<thead><tr><th>Requirement</th><th>Level</th><th>Not covered</th><th>Partly covered</th><th>Covered</th><th>Not applicable</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function documentSection(doc: DocumentReport, index: number): string {
  const meta: string[] = [];
  if (doc.format) meta.push(`Format: ${h(formatLabel(doc))}`);
  if (doc.profile) meta.push(`Profile: ${h(doc.profile)}${doc.profileReason ? ` (${h(doc.profileReason)})` : ''}`);
  if (doc.jurisdiction) meta.push(`Jurisdiction: ${h(jurisdictionTitle(doc.jurisdiction.id))} (${h(doc.jurisdiction.reason)})`);
  const parts = [
    `<section class="document" id="${anchor(index)}">`,
    `<h2>${h(doc.path)}</h2>`,
    meta.length > 0 ? `<p class="meta">${meta.join(' · ')}</p>` : '',
  ];
  if (doc.status !== 'audited') {
    parts.push(`<p class="error">We could not check this document (${h(doc.status)}): ${h(doc.error ?? 'no reason given')}</p>`);
  } else {
    parts.push(atAGlance(doc.requirements), whatToAdd(doc.requirements), alreadyCovered(doc.requirements));
    parts.push(everyRequirement(doc.requirements), findings(doc), notes(doc));
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

function atAGlance(requirements: readonly RequirementResult[]): string {
  const t = tally(requirements);
  const headline = `Of the ${t.met + t.partial + t.missing} requirements that apply, your policy covers ${t.met}, partly covers ${t.partial} and does not yet cover ${t.missing}.`;
  // Areas where nothing applies would be empty bars; the requirements table still lists them.
  const applicable = groupByArea(requirements).filter((group) => rag(group.requirements) !== 'n/a');
  const rows = applicable.map((group) => {
    const g = tally(group.requirements);
    const total = g.met + g.partial + g.missing;
    // Widths are computed numbers, never report text, so they are safe in a style attribute.
    const seg = (n: number, cls: string) => (n > 0 ? `<span class="seg-${cls}" style="width:${((100 * n) / total).toFixed(1)}%"></span>` : '');
    const counts = `${g.met} covered · ${g.partial} partly · ${g.missing} not covered`;
    return `<div class="bar-row"><span class="bar-label">${h(group.area)}</span><span class="bar" role="img" aria-label="${h(`${group.area}: ${counts}`)}">${seg(g.met, 'met')}${seg(g.partial, 'partial')}${seg(g.missing, 'missing')}</span><span class="bar-counts">${counts} ${ragBadge(rag(group.requirements))}</span></div>`;
  });
  return `<h3>At a glance</h3>
<p class="headline">${headline}</p>
<div class="chart">
${rows.join('\n')}
</div>
<p class="key"><span class="swatch seg-met"></span> Covered <span class="swatch seg-partial"></span> Partly covered <span class="swatch seg-missing"></span> Not covered</p>`;
}

function quote(e: Evidence): string {
  const where = formatLocation(e.location);
  return `<blockquote>“${h(excerpt(e.text, 300))}”</blockquote>${where ? `<p class="where">Found at ${h(where)}</p>` : ''}`;
}

function whatToAdd(requirements: readonly RequirementResult[]): string {
  const gaps = actionPlan(requirements);
  if (gaps.length === 0) return '<h3>What to add</h3>\n<p>Nothing: your policy covers every requirement that applies.</p>';
  const items = gaps.map((r) => {
    const lines = [
      `<li class="gap gap-${r.waived ? 'na' : RAG_CLASS[rag([r])]}">`,
      `<p><strong>${h(r.title)}</strong> ${requirementBadge(r)} <span class="meta">${LEVEL_WORDS[r.level]} · ${STATUS_WORDS[r.status]} · ${h(r.id)}</span></p>`,
    ];
    if (r.waived) {
      const until = r.waived.expires ? ` until ${h(r.waived.expires)}` : '';
      lines.push(`<p class="waived">Accepted for now${until}: ${h(r.waived.reason)}</p>`);
    }
    if (r.reason) lines.push(`<p>${h(r.reason)}</p>`);
    if (r.missing) lines.push(`<p><strong>What is missing:</strong> ${h(r.missing)}</p>`);
    for (const e of r.evidence) lines.push(`<p class="label">What the policy says now:</p>${quote(e)}`);
    if (r.nearest) lines.push(`<p class="label">The closest passage we found:</p>${quote(r.nearest)}`);
    if (r.advice) lines.push(`<p><strong>What to do:</strong> ${h(r.advice)}</p>`);
    if (r.modelWording) lines.push(`<p class="label">Wording you could adopt:</p><blockquote class="model">“${h(r.modelWording)}”</blockquote>`);
    lines.push('</li>');
    return lines.join('\n');
  });
  return `<h3>What to add</h3>\n<ol class="plan">\n${items.join('\n')}\n</ol>`;
}

function alreadyCovered(requirements: readonly RequirementResult[]): string {
  const met = requirements.filter((r) => r.status === 'met');
  if (met.length === 0) return '';
  const items = met.map((r) => `<li><strong>${h(r.title)}</strong> <span class="meta">${LEVEL_WORDS[r.level]} · ${h(r.id)}</span>${r.evidence[0] ? quote(r.evidence[0]) : ''}</li>`);
  return `<h3>What your policy already covers</h3>\n<ul class="covered">\n${items.join('\n')}\n</ul>`;
}

function everyRequirement(requirements: readonly RequirementResult[]): string {
  if (requirements.length === 0) return '';
  const rows = requirements.map((r) => {
    const evidence = r.evidence
      .map((e) => {
        const where = formatLocation(e.location);
        return `“${h(excerpt(e.text, 160))}”${where ? ` <span class="where">(${h(where)})</span>` : ''}`;
      })
      .join('<br>');
    const status = `${STATUS_WORDS[r.status]}${r.waived ? ' (accepted)' : ''}`;
    return `<tr><td>${requirementBadge(r)}</td><td>${status}</td><td>${h(r.title)}<br><span class="meta">${h(r.id)}</span></td><td>${LEVEL_WORDS[r.level]}</td><td>${evidence || '—'}</td></tr>`;
  });
  return `<h3>Every requirement</h3>
<table class="requirements">
<thead><tr><th>RAG</th><th>Status</th><th>Requirement</th><th>Level</th><th>Evidence and where it is</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function findings(doc: DocumentReport): string {
  if (doc.findings.length === 0) return '';
  const items = doc.findings.map((f) => {
    const where = formatLocation(f.location);
    return `<li><strong>${h(f.message)}</strong> <span class="meta">${h(f.id)}${where ? ` · ${h(where)}` : ''}</span></li>`;
  });
  return `<h3>Things to bring up to date</h3>\n<ul class="findings">\n${items.join('\n')}\n</ul>`;
}

function notes(doc: DocumentReport): string {
  if (!doc.notes || doc.notes.length === 0) return '';
  return `<h3>Notes on how we read the document</h3>\n<ul class="notes">\n${doc.notes.map((n) => `<li>${h(n)}</li>`).join('\n')}\n</ul>`;
}

// System fonts only: a web font would be a network request.
const CSS = `
:root { --ink: #1d2939; --muted: #5d6b82; --line: #d0d5dd; --red: #b42318; --amber: #b54708; --amber-bar: #f79009; --green: #067647; --grey: #667085; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; overflow-wrap: anywhere; }
h3 { font-size: 1.15rem; margin-top: 1.75rem; }
.meta, .where { color: var(--muted); font-size: .9rem; }
.where { margin: 0 0 .5rem; }
.error { color: var(--red); font-weight: 600; }
.headline { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f2f4f7; }
.rag { display: inline-block; padding: 0 .5rem; border-radius: .75rem; font-weight: 600; font-size: .8rem; color: #fff; white-space: nowrap; }
.rag-red { background: var(--red); } .rag-amber { background: var(--amber); } .rag-green { background: var(--green); } .rag-na { background: var(--grey); }
.bar-row { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr auto; gap: .75rem; align-items: center; margin: .35rem 0; }
.bar { display: flex; height: 1.1rem; border: 1px solid var(--line); background: #f2f4f7; }
.bar span { display: block; height: 100%; }
.seg-met { background: var(--green); } .seg-partial { background: var(--amber-bar); } .seg-missing { background: var(--red); }
.bar-counts { font-size: .9rem; white-space: nowrap; }
.key { font-size: .9rem; color: var(--muted); }
.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle; margin-left: .75rem; }
.plan { padding-left: 1.5rem; }
.gap { border-left: 4px solid var(--line); padding: .25rem 0 .25rem .75rem; margin: 1rem 0; }
.gap-red { border-color: var(--red); } .gap-amber { border-color: var(--amber); }
.gap p { margin: .3rem 0; }
.label { font-weight: 600; }
.waived { color: var(--muted); font-style: italic; }
blockquote { margin: .25rem 0; padding: .35rem .75rem; background: #f9fafb; border-left: 3px solid var(--line); overflow-wrap: anywhere; }
blockquote.model { border-left-color: var(--green); }
.covered li, .findings li { margin: .5rem 0; }
.heatmap-wrap { overflow: auto; max-height: 80vh; border: 1px solid var(--line); margin: .5rem 0 1rem; }
table.heatmap { width: auto; margin: 0; font-size: .8rem; }
.heatmap th, .heatmap td { padding: .15rem .3rem; }
.heatmap thead th { position: sticky; top: 0; z-index: 1; vertical-align: bottom; }
.heatmap th.hm-doc { position: sticky; left: 0; background: #fff; min-width: 12rem; max-width: 22rem; font-weight: normal; z-index: 1; }
.heatmap thead th.hm-doc { background: #f2f4f7; font-weight: 600; z-index: 2; }
.hm-id span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
td.hm { text-align: center; min-width: 1.5rem; }
.hm-met { background: #abefc6; } .hm-partial { background: #fedf89; } .hm-missing { background: #fda29b; }
.hm-accepted { background: #d0d5dd; } .hm-na, .hm-none { background: #f9fafb; color: var(--muted); }
td.hm-error { background: #fef3f2; color: var(--red); font-weight: 600; text-align: left; }
.key .swatch { outline: 1px solid var(--line); }
.counts th:not(:first-child), .counts td:not(:first-child) { white-space: nowrap; overflow-wrap: normal; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .document + .document { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .gap, .bar-row, blockquote, .covered li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .rag, .bar span, .swatch, .hm { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .heatmap-wrap { overflow: visible; max-height: none; border: 0; }
  .heatmap thead th, .heatmap th.hm-doc { position: static; }
}
`;
