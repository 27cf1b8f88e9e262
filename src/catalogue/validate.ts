import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvType, ErrorObject } from 'ajv';
import { ConfigError } from '../util/errors.js';
import type { ParsedYaml } from './yaml-file.js';
import { phraseProblem } from './compile.js';
import { packagePath } from '../util/package-path.js';

let validator: ReturnType<AjvType['compile']> | undefined;

function schemaValidator(): ReturnType<AjvType['compile']> {
  if (!validator) {
    // Loaded on first use: the bundled catalogue comes from a build-time cache and needs no validator.
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
    const schema = JSON.parse(readFileSync(packagePath('schema', 'catalogue.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  }
  return validator;
}

/** Checks a parsed catalogue file against the JSON Schema; errors as `file:line: message`. */
export function validateCatalogueFile(parsed: ParsedYaml): void {
  const validate = schemaValidator();
  if (validate(parsed.data)) return checkPhrases(parsed);
  const errors = pickErrors(validate.errors ?? []);
  const lines = errors.slice(0, 5).map((error) => {
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    const where = path.length ? path.join('.') : '(top level)';
    return `${parsed.file}:${parsed.lineOf(path)}: ${where} ${describe(error)}`;
  });
  throw new ConfigError(lines.join('\n'));
}

/** oneOf/anyOf produce a cascade of errors; the most specific (deepest) ones say the most. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const pool = useful.length ? useful : errors;
  const deepest = Math.max(...pool.map((e) => e.instancePath.length));
  return pool.filter((e) => e.instancePath.length === deepest);
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `has an unknown key "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  if (error.keyword === 'required') return `is missing "${String(params.missingProperty)}"`;
  return error.message ?? 'is not valid';
}

function unescapePointer(part: string): string | number {
  const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
}

type Path = (string | number)[];

/**
 * Every phrase the matcher will run, checked before anything is compiled or matched: a phrase
 * that cannot be matched in linear time is refused with its line, not discovered by a hang.
 */
function checkPhrases(parsed: ParsedYaml): void {
  const data = parsed.data as Record<string, unknown>;
  const lists: [Path, unknown][] = [];
  const entries = (value: unknown) => Object.entries((value ?? {}) as Record<string, unknown>);
  for (const [name, terms] of entries(data.concepts)) lists.push([['concepts', name], terms]);
  ((data.profiles ?? []) as { detect?: string[] }[]).forEach((p, i) => lists.push([['profiles', i, 'detect'], p.detect]));
  ((data.outdatedTerms ?? []) as { terms?: string[] }[]).forEach((t, i) => lists.push([['outdatedTerms', i, 'terms'], t.terms]));
  ((data.requirements ?? []) as { match?: { headings?: string[]; concepts?: unknown } }[]).forEach((r, i) => {
    lists.push([['requirements', i, 'match', 'headings'], r.match?.headings]);
    for (const [name, def] of entries(r.match?.concepts)) {
      if (Array.isArray(def)) lists.push([['requirements', i, 'match', 'concepts', name], def]);
      else lists.push([['requirements', i, 'match', 'concepts', name, 'terms'], (def as { terms?: unknown }).terms]);
    }
  });
  for (const [path, terms] of lists) {
    if (!Array.isArray(terms)) continue;
    terms.forEach((term: unknown, j) => {
      const problem = typeof term === 'string' ? phraseProblem(term) : undefined;
      if (problem) throw new ConfigError(`${parsed.file}:${parsed.lineOf([...path, j])}: ${[...path, j].join('.')} ${problem}`);
    });
  }
}
