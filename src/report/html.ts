import { jurisdictionTitle } from '../util/jurisdictions.js';
import { tally } from '../util/tally.js';
import { mostMissed, triageOrder, type OverviewRow } from './summary.js';
import type { AuditReport, BatchSummary, DocumentReport, Evidence, Level, RequirementResult, Status } from '../types.js';
import type { RenderOptions } from './index.js';
import { formatLocation } from './location.js';
import {
  DOC_STATUS_LABEL,
  GLOSSARY,
  LEVEL_RULES,
  RAG_FOOTNOTE,
  RAG_RULES,
  SCORE_RULE,
  STATUS_RULES,
  type Rag,
  actionPlan,
  documentName,
  escapeHtml as h,
  excerpt,
  formatLabel,
  groupByArea,
  notAssessedReason,
  rag,
  ragReason,
  triage,
} from './shared.js';

// Plain words for a board member rather than the catalogue's terms.
const STATUS_WORDS: Record<Status, string> = {
  met: 'Covered',
  partial: 'Partly covered',
  missing: 'Not covered',
  'not-applicable': 'Not applicable',
};
const STATUS_CLASS: Record<Status, string> = { met: 'met', partial: 'partial', missing: 'missing', 'not-applicable': 'na' };
const LEVEL_WORDS: Record<Level, string> = { must: 'Must', should: 'Should', advisory: 'Advisory' };
const RAG_WORDS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', 'n/a': 'N/A' };
const RAG_CLASS: Record<Rag, string> = { red: 'red', amber: 'amber', green: 'green', 'n/a': 'na' };

/**
 * One self-contained HTML page: inline CSS, no scripts, no external resources, and a CSP that
 * forbids loading anything should a future change slip. All report text goes through `h`.
 * With several documents, each document's detail is a collapsed <details>, so the overview
 * prints as a bounded number of pages (a closed <details> prints its summary only).
 */
export function renderHtml(report: AuditReport, _options: RenderOptions): string {
  const asOf = report.asOf ? ` · judged as of ${h(report.asOf)}` : '';
  const batch = report.documents.length > 1;
  const body = [
    '<header>',
    '<h1>Safeguarding policy audit</h1>',
    `<p class="meta">Checked against ${h(report.catalogue.name)} ${h(report.catalogue.version)}${report.catalogue.sourcesChecked ? ` (sources checked ${h(report.catalogue.sourcesChecked)})` : ''}${asOf} · sg-audit ${h(report.tool.version)}${report.config ? ` · configuration ${h(report.config)}` : ''}</p>`,
    '</header>',
    key(),
    batch ? overview(report.documents, report.summary) : '',
    batch
      ? '<h2 class="documents-title">Each document</h2>\n<p class="meta">Open a document to read its full report. A printout shows each document\'s summary only; for a full printed report of one policy, run sg-audit on that file alone.</p>'
      : '',
    ...report.documents.map((doc, i) => documentSection(doc, i, batch)),
    glossary(),
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

/** A requirement's own badge says its status; a waived gap is neither covered nor to act on now. */
function statusBadge(r: RequirementResult): string {
  if (r.waived) return '<span class="rag rag-na">Accepted</span>';
  return `<span class="rag st-${STATUS_CLASS[r.status]}">${STATUS_WORDS[r.status]}</span>`;
}

/** How to read the report: on every report, before anything it explains. */
function key(): string {
  const statuses = STATUS_RULES.map((s) => `<li><span class="rag st-${STATUS_CLASS[s.status]}">${h(STATUS_WORDS[s.status])}</span> ${h(s.label)}: ${h(s.meaning)}</li>`);
  const rags = RAG_RULES.map((r) => `<li>${ragBadge(r.rag)} ${h(r.meaning)}</li>`);
  const levels = LEVEL_RULES.map((l) => `<li><strong>${h(l.label)}</strong>: ${h(l.meaning)}</li>`);
  return `<section class="key-section" id="key">
<h2>How to read this report</h2>
<div class="key-grid">
<div><h3>Each requirement</h3><ul class="plain">${statuses.join('')}</ul><ul class="plain">${levels.join('')}</ul></div>
<div><h3>Overall rating (RAG)</h3><ul class="plain">${rags.join('')}</ul><p class="meta">${h(RAG_FOOTNOTE)}</p><p class="meta">${h(SCORE_RULE)}</p></div>
</div>
<p class="meta">Terms such as LADO, DBS and KCSIE are explained in the <a href="#glossary">glossary</a> at the end.</p>
</section>`;
}

function glossary(): string {
  const items = GLOSSARY.map((g) => `<dt>${h(g.term)}</dt><dd>${h(g.meaning)}</dd>`);
  return `<section class="glossary" id="glossary">
<h2>Glossary</h2>
<dl>${items.join('\n')}</dl>
</section>`;
}

function docLink(doc: DocumentReport, index: number): string {
  const path = doc.organisation ? `<br><span class="path">${h(doc.path)}</span>` : '';
  return `<a href="#${anchor(index)}">${h(documentName(doc))}</a>${path}`;
}

function overview(docs: readonly DocumentReport[], summary: BatchSummary | undefined): string {
  const { ranked, apart } = triageOrder(docs);
  const rows = ranked.map(
    (row, i) =>
      `<tr><td class="num">${i + 1}</td><td>${docLink(row.doc, row.index)}</td><td class="nowrap">${h(row.doc.profile ?? '')}</td><td class="num">${row.score ?? '—'}</td><td class="nowrap">${ragBadge(row.rag)} <span class="meta">${h(ragReason(row.doc.requirements, true))}</span></td><td class="num">${row.mustGaps}</td><td class="num">${row.met}</td><td class="num">${row.partial}</td><td class="num">${row.missing}</td></tr>`,
  );
  const table = `<table class="ranked">
<thead><tr><th class="num">Rank</th><th>Document</th><th>Profile</th><th class="num">Score</th><th>Overall</th><th class="num">Must gaps</th><th class="num">Covered</th><th class="num">Partly covered</th><th class="num">Not covered</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const parts = [
    summary ? batchCounts(summary) : '',
    '<p class="meta">Lowest score first: the policies that cover least of what applies to them. At equal scores, more must gaps first.</p>',
    ranked.length > 0 ? table : '<p>No document could be assessed.</p>',
    notAssessed(apart),
    summary ? heatmap(ranked, summary) : '',
    summary ? requirementCounts(summary) : '',
  ];
  return `<section class="overview">
<h2>Documents at a glance</h2>
${parts.filter(Boolean).join('\n')}
</section>`;
}

/** Documents that could not be assessed, with why, apart from the ranking. */
function notAssessed(apart: readonly OverviewRow[]): string {
  if (apart.length === 0) return '';
  const rows = apart.map((row) => `<tr><td>${docLink(row.doc, row.index)}</td><td class="nowrap error">${h(DOC_STATUS_LABEL[row.doc.status])}</td><td>${h(notAssessedReason(row.doc))}</td></tr>`);
  return `<h3>Not assessed (${apart.length})</h3>
<p class="meta">These could not be assessed against the catalogue, so they have no score and are not ranked.</p>
<table class="apart">
<thead><tr><th>Document</th><th>Status</th><th>Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function batchCounts(summary: BatchSummary): string {
  const parts = [`${summary.documents} documents`, `${summary.audited} assessed`];
  if (summary.notAssessable > 0) parts.push(`${summary.notAssessable} not assessable`);
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
 * Assessed documents × requirements, in the overview's order, each cell coloured by status and
 * carrying a symbol as well as a colour; every document name links to its own section below.
 * It prints on a landscape page of its own.
 */
function heatmap(ranked: readonly OverviewRow[], summary: BatchSummary): string {
  const ids = Object.keys(summary.requirements);
  if (ids.length === 0 || ranked.length === 0) return '';
  const head = ids.map((id) => `<th scope="col" class="hm-id" title="${h(`${summary.requirements[id]!.title} (${summary.requirements[id]!.level})`)}"><span>${h(id)}</span></th>`).join('');
  const rows = ranked.map(({ doc, index, score }) => {
    const name = `<th scope="row" class="hm-doc" title="${h(doc.path)}"><a href="#${anchor(index)}">${h(documentName(doc))}</a></th>`;
    const byId = new Map(doc.requirements.map((r) => [r.id, r]));
    const cells = ids.map((id) => {
      const cls = heatClass(byId.get(id));
      return `<td class="hm hm-${cls}">${HEAT_SYMBOL[cls]}</td>`;
    });
    return `<tr>${name}<td class="hm-score">${score ?? '—'}</td>${cells.join('')}</tr>`;
  });
  const key = (['met', 'partial', 'missing', 'accepted', 'na'] as const).map((cls) => `<span class="swatch hm-${cls}"></span> ${HEAT_SYMBOL[cls]} ${HEAT_WORDS[cls]}`).join(' ');
  return `<section class="heatmap-page">
<h3>Requirement by requirement</h3>
<p class="key">In the order above (lowest score first). ${key}</p>
<div class="heatmap-wrap">
<table class="heatmap">
<thead><tr><th scope="col" class="hm-doc">Document</th><th scope="col" class="hm-id"><span>score</span></th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
</section>`;
}

/** Per requirement, how many assessed documents cover it: most often not covered first. */
function requirementCounts(summary: BatchSummary): string {
  const reqs = mostMissed(summary, Infinity, false);
  if (reqs.length === 0) return '';
  const rows = reqs.map(
    (r) =>
      `<tr><td>${h(r.title)}<br><span class="meta">${h(r.id)}</span></td><td>${LEVEL_WORDS[r.level]}</td><td class="num">${r.missing}</td><td class="num">${r.partial}</td><td class="num">${r.met}</td><td class="num">${r.notApplicable}</td></tr>`,
  );
  return `<h3>Requirements across the documents</h3>
<p class="meta">How many of the ${summary.audited} assessed documents cover each requirement, the most often not fully covered first.</p>
<table class="requirements counts">
<thead><tr><th>Requirement</th><th>Level</th><th class="num">Not covered</th><th class="num">Partly covered</th><th class="num">Covered</th><th class="num">Not applicable</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** One document: in a batch a collapsed <details> whose summary is a short card, alone the full report. */
function documentSection(doc: DocumentReport, index: number, collapsed: boolean): string {
  const meta: string[] = [];
  meta.push(`File: <span class="path">${h(doc.path)}</span>`);
  if (doc.format) meta.push(`Format: ${h(formatLabel(doc))}`);
  if (doc.profile) meta.push(`Profile: ${h(doc.profile)}${doc.profileReason ? ` (${h(doc.profileReason)})` : ''}`);
  if (doc.jurisdiction) meta.push(`Jurisdiction: ${h(jurisdictionTitle(doc.jurisdiction.id))} (${h(doc.jurisdiction.reason)})`);
  const audited = doc.status === 'audited';
  const status = audited
    ? ''
    : doc.status === 'not-assessable'
      ? `<p class="error">Not assessable: ${h(notAssessedReason(doc))}</p><p class="meta">So this is not a gap report on the policy, and it is not ranked.</p>`
      : `<p class="error">We could not check this document (${h(doc.status)}): ${h(notAssessedReason(doc))}</p>`;
  const detail = audited ? [atAGlance(doc.requirements), whatToAdd(doc.requirements), alreadyCovered(doc.requirements), everyRequirement(doc.requirements), findings(doc), notes(doc)] : [notes(doc)];
  const body = [meta.length > 0 ? `<p class="meta">${meta.join(' · ')}</p>` : '', ...detail].filter(Boolean).join('\n');
  if (!collapsed) {
    return [`<section class="document" id="${anchor(index)}">`, `<h2>${h(documentName(doc))}</h2>`, status, body, '</section>'].filter(Boolean).join('\n');
  }
  return [`<details class="document" id="${anchor(index)}">`, `<summary>${card(doc)}</summary>`, body, '</details>'].join('\n');
}

/** A document's summary line in a batch: name, rating, score and counts, or why it was not assessed. Phrasing content only, as <summary> requires. */
function card(doc: DocumentReport): string {
  const name = `<h2>${h(documentName(doc))}</h2>`;
  const path = doc.organisation ? ` <span class="path">${h(doc.path)}</span>` : '';
  if (doc.status !== 'audited') return `${name}${path}<span class="line error">${h(DOC_STATUS_LABEL[doc.status])}: ${h(notAssessedReason(doc))}</span>`;
  const t = tally(doc.requirements);
  const score = triage(doc.requirements).score;
  const mustMissing = doc.requirements.filter((r) => r.level === 'must' && r.status === 'missing' && !r.waived).map((r) => h(r.title));
  const line = `${ragBadge(rag(doc.requirements))} ${score === undefined ? '' : `Score ${score} · `}${t.met} covered · ${t.partial} partly · ${t.missing} not covered${doc.profile ? ` · ${h(doc.profile)}` : ''}`;
  const must = mustMissing.length > 0 ? `<span class="line meta">Must, not covered: ${mustMissing.join('; ')}</span>` : '';
  return `${name}${path}<span class="line">${line}</span>${must}`;
}

function atAGlance(requirements: readonly RequirementResult[]): string {
  const t = tally(requirements);
  const score = triage(requirements).score;
  const headline = `Of the ${t.met + t.partial + t.missing} requirements that apply, your policy covers ${t.met}, partly covers ${t.partial} and does not yet cover ${t.missing}.`;
  const overall = `<p>Overall: ${ragBadge(rag(requirements))} <span class="meta">${h(ragReason(requirements))}</span>${score === undefined ? '' : ` · score ${score} of 100`}</p>`;
  // Areas where nothing applies would be empty bars; the requirements table still lists them.
  const applicable = groupByArea(requirements).filter((group) => rag(group.requirements) !== 'n/a');
  const rows = applicable.map((group) => {
    const g = tally(group.requirements);
    const total = g.met + g.partial + g.missing;
    // Widths are computed numbers, never report text, so they are safe in a style attribute.
    const seg = (n: number, cls: string) => (n > 0 ? `<span class="seg-${cls}" style="width:${((100 * n) / total).toFixed(1)}%"></span>` : '');
    const counts = `${g.met} covered · ${g.partial} partly · ${g.missing} not covered`;
    const groupRag = rag(group.requirements);
    return `<div class="bar-row"><span class="bar-label">${h(group.area)}</span><span class="bar" role="img" aria-label="${h(`${group.area}: ${counts}`)}">${seg(g.met, 'met')}${seg(g.partial, 'partial')}${seg(g.missing, 'missing')}</span><span class="bar-counts">${counts} ${ragBadge(groupRag)}<br><span class="meta">${h(ragReason(group.requirements))}</span></span></div>`;
  });
  return `<h3>At a glance</h3>
<p class="headline">${headline}</p>
${overall}
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
      `<li class="gap gap-${r.waived ? 'na' : STATUS_CLASS[r.status]}">`,
      `<p><strong>${h(r.title)}</strong> ${statusBadge(r)} <span class="meta">${LEVEL_WORDS[r.level]} · ${h(r.id)}</span></p>`,
    ];
    if (r.waived) {
      const until = r.waived.expires ? ` until ${h(r.waived.expires)}` : '';
      lines.push(`<p class="waived">Accepted for now${until}: ${h(r.waived.reason)}</p>`);
    }
    if (r.reason) lines.push(`<p>${h(r.reason)}</p>`);
    if (r.missing) lines.push(`<p><strong>What is missing:</strong> ${h(r.missing)}</p>`);
    for (const e of r.evidence) lines.push(`<p class="label">What the policy says now:</p>${quote(e)}`);
    if (r.nearest) lines.push(`<p class="label">The closest passage we found:</p>${quote(r.nearest)}`);
    if (r.why) lines.push(`<p><strong>Why it matters:</strong> ${h(r.why)}</p>`);
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
    return `<tr><td>${statusBadge(r)}</td><td>${h(r.title)}<br><span class="meta">${h(r.id)}</span></td><td>${LEVEL_WORDS[r.level]}</td><td>${evidence || '—'}</td></tr>`;
  });
  return `<h3>Every requirement</h3>
<table class="requirements">
<thead><tr><th>Status</th><th>Requirement</th><th>Level</th><th>Evidence and where it is</th></tr></thead>
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

// System fonts only: a web font would be a network request. Table cells wrap between words
// only (overflow-wrap: break-word breaks a word only when it cannot fit at all), so a narrow
// column never prints "Partl y cove red". Only file paths (.path) may break anywhere.
const CSS = `
:root { --ink: #1d2939; --muted: #5d6b82; --line: #d0d5dd; --red: #b42318; --amber: #b54708; --amber-bar: #f79009; --green: #067647; --grey: #667085; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); max-width: 62rem; margin: 0 auto; padding: 1.5rem; hyphens: manual; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; overflow-wrap: break-word; }
h3 { font-size: 1.15rem; margin-top: 1.75rem; }
.meta, .where, .path { color: var(--muted); font-size: .9rem; }
.path { font-size: .8rem; overflow-wrap: anywhere; }
.where { margin: 0 0 .5rem; }
.error { color: var(--red); font-weight: 600; }
.headline { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; }
th { background: #f2f4f7; }
.num { text-align: right; }
td.num { white-space: nowrap; }
.nowrap { white-space: nowrap; }
.rag { display: inline-block; padding: 0 .5rem; border-radius: .75rem; font-weight: 600; font-size: .8rem; color: #fff; white-space: nowrap; }
.rag-red, .st-missing { background: var(--red); } .rag-amber, .st-partial { background: var(--amber); } .rag-green, .st-met { background: var(--green); } .rag-na, .st-na { background: var(--grey); }
.key-section { border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem .5rem; margin: 1rem 0; font-size: .9rem; }
.key-section h2 { font-size: 1.1rem; margin-top: .5rem; border: 0; }
.key-section h3 { font-size: 1rem; margin: .25rem 0; }
.key-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
ul.plain { list-style: none; padding: 0; margin: .25rem 0; }
ul.plain li { margin: .2rem 0; }
.bar-row { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr auto; gap: .75rem; align-items: center; margin: .35rem 0; }
.bar { display: flex; height: 1.1rem; border: 1px solid var(--line); background: #f2f4f7; }
.bar span { display: block; height: 100%; }
.seg-met { background: var(--green); } .seg-partial { background: var(--amber-bar); } .seg-missing { background: var(--red); }
.bar-counts { font-size: .9rem; white-space: nowrap; }
.key { font-size: .9rem; color: var(--muted); }
.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle; margin-left: .75rem; }
.plan { padding-left: 1.5rem; }
.gap { border-left: 4px solid var(--line); padding: .25rem 0 .25rem .75rem; margin: 1rem 0; }
.gap-missing { border-color: var(--red); } .gap-partial { border-color: var(--amber); }
.gap p { margin: .3rem 0; }
.label { font-weight: 600; }
.waived { color: var(--muted); font-style: italic; }
blockquote { margin: .25rem 0; padding: .35rem .75rem; background: #f9fafb; border-left: 3px solid var(--line); overflow-wrap: break-word; }
blockquote.model { border-left-color: var(--green); }
.covered li, .findings li { margin: .5rem 0; }
details.document { border-top: 1px solid var(--line); padding: .25rem 0; }
details.document > summary { cursor: pointer; list-style-position: outside; margin-left: 1rem; }
details.document > summary h2 { display: inline; font-size: 1.1rem; border: 0; margin: 0; padding: 0; }
details.document > summary .line { display: block; margin: .15rem 0; }
details.document[open] > summary { margin-bottom: 1rem; }
.heatmap-wrap { overflow: auto; max-height: 80vh; border: 1px solid var(--line); margin: .5rem 0 1rem; }
table.heatmap { width: auto; margin: 0; font-size: .8rem; }
.heatmap th, .heatmap td { padding: .15rem .3rem; }
.heatmap thead th { position: sticky; top: 0; z-index: 1; vertical-align: bottom; }
.heatmap th.hm-doc { position: sticky; left: 0; background: #fff; min-width: 12rem; max-width: 22rem; font-weight: normal; z-index: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.heatmap thead th.hm-doc { background: #f2f4f7; font-weight: 600; z-index: 2; }
.hm-id span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
td.hm { text-align: center; min-width: 1.5rem; }
td.hm-score { text-align: right; font-weight: 600; }
.hm-met { background: #abefc6; } .hm-partial { background: #fedf89; } .hm-missing { background: #fda29b; }
.hm-accepted { background: #d0d5dd; } .hm-na, .hm-none { background: #f9fafb; color: var(--muted); }
.key .swatch { outline: 1px solid var(--line); }
.glossary dt { font-weight: 600; margin-top: .4rem; }
.glossary dd { margin: 0 0 0 1.5rem; }
@page { size: A4; margin: 15mm; }
@page landscape { size: A4 landscape; margin: 8mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.document + section.document { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .gap, .bar-row, blockquote, .covered li, details.document > summary, .key-section { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .rag, .bar span, .swatch, .hm, .hm-score { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table { font-size: 9pt; }
  th, td { padding: 1mm 1.5mm; }
  .ranked .path { display: none; }
  /* The heatmap on a landscape page of its own, small enough for about 40 documents × 50 requirements. */
  .heatmap-page { page: landscape; break-before: page; break-after: page; }
  .heatmap-page h3 { margin: 0 0 1mm; font-size: 11pt; }
  .heatmap-page .key { margin: 0 0 1mm; font-size: 7pt; }
  .heatmap-wrap { overflow: visible; max-height: none; border: 0; margin: 0; }
  table.heatmap { font-size: 7.5pt; line-height: 1.15; }
  .heatmap th, .heatmap td { padding: 0 .5mm; }
  .heatmap thead th, .heatmap th.hm-doc { position: static; }
  .heatmap th.hm-doc { min-width: 0; max-width: 55mm; width: 55mm; }
  td.hm { min-width: 0; }
  details.document > summary { list-style: none; margin-left: 0; }
  .glossary { break-before: page; }
}
`;
