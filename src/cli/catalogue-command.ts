import type { Command } from 'commander';
import { Option } from 'commander';
import { loadPreparedCatalogue, prepareCatalogue, type PreparedCatalogue } from '../audit/prepared.js';
import { loadCatalogue, loadFiles, readCatalogueFile } from '../catalogue/load.js';
import { appliesTo, levelFor, nationsOf, type Catalogue, type MatchRule, type RequirementSpec } from '../catalogue/model.js';
import { dayLabel } from '../nlp/dates.js';
import { ConfigError } from '../util/errors.js';
import { EXIT } from '../gate/gate.js';
import type { CliIo } from './io.js';

/** `sg-audit catalogue list|show|test|validate`: read and check the requirements catalogue. */
export function addCatalogueCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const catalogue = program.command('catalogue').description('list, show, test or validate the requirements catalogue');
  catalogue
    .command('list')
    .description('list the requirements (of one profile with --profile)')
    .option('-p, --profile <name>', 'only the requirements this profile assesses, at its levels')
    .option('-c, --catalogue <file>', 'a custom catalogue instead of the bundled one')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { profile?: string; catalogue?: string; format: string }) => {
      const cat = loadCatalogue(flags.catalogue);
      if (flags.profile) checkProfile(cat, flags.profile);
      const rows = cat.requirements
        .filter((r) => !flags.profile || appliesTo(r, flags.profile))
        .map((r) => ({ id: r.id, title: r.title, level: flags.profile ? levelFor(r, flags.profile) : r.level, profiles: r.profiles, source: r.source }));
      if (flags.format === 'json') io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const width = Math.max(...rows.map((r) => r.id.length));
        for (const r of rows) io.stdout.write(`${r.id.padEnd(width)}  ${r.level.padEnd(8)}  ${r.title}  [${r.profiles.join(', ')}]\n`);
        io.stdout.write(`${rows.length} requirements (${cat.name} ${cat.version})\n`);
      }
    });
  catalogue
    .command('show <id>')
    .description('everything about one requirement')
    .option('-c, --catalogue <file>', 'a custom catalogue instead of the bundled one')
    .action((id: string, flags: { catalogue?: string }) => {
      const prepared = loadPreparedCatalogue(flags.catalogue);
      const cat = prepared.catalogue;
      const r = cat.requirements.find((x) => x.id === id);
      if (!r) throw new ConfigError(`no requirement "${id}" (see: sg-audit catalogue list)`);
      const checked = cat.sourcesChecked ? `Sources last checked ${cat.sourcesChecked} (${cat.name} ${cat.version}).\n` : '';
      io.stdout.write(describeRequirement(r, prepared) + checked);
    });
  catalogue
    .command('test [file]')
    .description("run every requirement's example passages through the matcher")
    .option('--id <id>', 'only this requirement')
    .action(async (file: string | undefined, flags: { id?: string }) => {
      // Loaded here: the Markdown reader it uses stays out of the audit command's main thread.
      const { testExamples } = await import('../run/examples.js');
      const { checked, failures } = testExamples(loadPreparedCatalogue(file), flags.id);
      for (const f of failures) {
        io.stdout.write(`FAIL ${f.id}: expected ${f.expected}, got ${f.actual}\n  "${f.passage.replace(/\s+/g, ' ').slice(0, 300)}"\n`);
      }
      io.stdout.write(`${checked - failures.length} passed, ${failures.length} failed\n`);
      setExit(failures.length ? EXIT.gaps : EXIT.ok);
    });
  catalogue
    .command('validate <file>')
    .description('check a catalogue file against the schema and its references')
    .action((file: string) => {
      const merged = loadFiles([readCatalogueFile(file)]);
      prepareCatalogue(merged);
      io.stdout.write(`${file}: valid (${merged.requirements.length} requirements)\n`);
    });
}

function checkProfile(cat: Catalogue, profile: string): void {
  if (!cat.profiles.some((p) => p.id === profile)) {
    throw new ConfigError(`--profile: unknown profile "${profile}" (known: ${cat.profiles.map((p) => p.id).join(', ')})`);
  }
}

function describeRequirement(r: RequirementSpec, prepared: PreparedCatalogue): string {
  const lines = [
    `${r.id}: ${r.title}`,
    `  level:    ${r.level}${
      r.levels
        ? ` (${Object.entries(r.levels)
            .map(([p, l]) => `${l} for ${p}`)
            .join(', ')})`
        : ''
    }`,
    `  profiles: ${r.profiles.join(', ')}`,
    `  area:     ${r.area}`,
    `  source:   ${r.source}`,
    ...sourceLines(r, prepared),
    `  nations:  ${[...nationsOf(r)].map(([n, route]) => (route.source ? `${n} (own route)` : n)).join(', ')}`,
    '',
    `Why it matters: ${r.why}`,
    '',
    `What to write: ${r.advice}`,
  ];
  if (r.model) lines.push('', `Model wording: "${r.model}"`);
  lines.push('', 'How the matcher judges it:');
  for (const [name, def] of Object.entries(r.match.concepts)) {
    const terms = Array.isArray(def) ? def : def.terms;
    lines.push(`  ${name}${!Array.isArray(def) && def.label ? ` (${def.label})` : ''}: ${terms.join(', ')}`);
  }
  if (r.match.headings) lines.push(`  headings: ${r.match.headings.join(', ')}`);
  for (const rule of r.match.met) lines.push(`  met when: ${describeRule(rule)}`);
  for (const rule of r.match.partial ?? []) lines.push(`  partial when: ${describeRule(rule)}`);
  return `${lines.join('\n')}\n`;
}

/** Each source the requirement cites, one a line, with its edition and date, then each nation's own route. */
function sourceLines(r: RequirementSpec, prepared: PreparedCatalogue): string[] {
  const lines = ['  sources (edition and date):'];
  for (const part of splitSources(r.source)) lines.push(`    - ${part}${editionDate(part, prepared)}`);
  for (const [nation, route] of nationsOf(r)) if (route.source) lines.push(`    - in ${nation}: ${route.source}`);
  return lines;
}

/** When the edition a source names applied from, as the catalogue's edition tables record it. */
function editionDate(source: string, prepared: PreparedCatalogue): string {
  for (const guidance of prepared.guidance) {
    for (const m of source.matchAll(guidance.pattern)) {
      const edition = guidance.editions.find((e) => e.year === Number(m[1]));
      if (edition) return ` (edition ${edition.year}, from ${edition.since}; ${edition.source})`;
    }
  }
  for (const annual of prepared.editions) {
    for (const m of source.matchAll(annual.pattern)) return ` (edition ${m[1]}, in force from ${dayLabel(Number(m[1]), annual.month, annual.day)})`;
  }
  return '';
}

/** "A; B (x; y)" → ["A", "B (x; y)"]: semicolons inside brackets belong to one source. */
function splitSources(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

function describeRule(rule: MatchRule): string {
  const parts = [];
  if (rule.all) parts.push(`all of [${rule.all.join(', ')}]`);
  if (rule.any) parts.push(`any of [${rule.any.join(', ')}]`);
  const unless = rule.unless ? ` unless [${rule.unless.join(', ')}] stands there` : '';
  const also = (rule.also ?? []).map((part) => `; and also ${describeRule(part)}`).join('');
  return `${parts.join(' and ')} within one ${rule.within ?? 'paragraph'}${unless}${also}`;
}
