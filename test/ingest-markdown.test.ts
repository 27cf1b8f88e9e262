import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../src/ingest/markdown.js';

const policy = `---
title: Example Club Safeguarding Policy
review_date: 2025-09-01
---
# Safeguarding Policy

Intro paragraph about the club.

## 5. Whistleblowing

Staff can raise concerns with the chair.
This line continues the same paragraph.

- first item
- second item with a [link](https://example.org/whistle)
  - nested item

| Role | Phone |
| --- | --- |
| Welfare officer | 01632 960001 |

#Contacts
<p>Call <b>us</b> on 01632 960002.</p>
{% include footer.html %}
`;

describe('Markdown ingest', () => {
  const doc = readMarkdown(policy, 'club.md');

  it('builds sections with heading paths and levels', () => {
    const headings = doc.sections.map((s) => [s.heading, s.level, s.path.join(' > ')]);
    expect(headings).toContainEqual(['Safeguarding Policy', 1, 'Safeguarding Policy']);
    expect(headings).toContainEqual(['5. Whistleblowing', 2, 'Safeguarding Policy > 5. Whistleblowing']);
  });

  it('reads "#Heading" without a space as a heading', () => {
    expect(doc.sections.map((s) => s.heading)).toContain('Contacts');
  });

  it('gives each block its source line and section', () => {
    const staff = doc.blocks.find((b) => b.text.startsWith('Staff can raise'));
    expect(staff?.location).toEqual({ line: 11, section: 'Safeguarding Policy > 5. Whistleblowing' });
    expect(staff?.text).toBe('Staff can raise concerns with the chair. This line continues the same paragraph.');
  });

  it('keeps list items, nested ones too, and link addresses', () => {
    const items = doc.blocks.filter((b) => b.kind === 'list-item').map((b) => b.text);
    expect(items).toEqual(['first item', 'second item with a link (https://example.org/whistle)', 'nested item']);
  });

  it('reads table cells', () => {
    const cells = doc.blocks.filter((b) => b.kind === 'table-cell').map((b) => b.text);
    expect(cells).toEqual(['Role', 'Phone', 'Welfare officer', '01632 960001']);
    const rows = doc.blocks.filter((b) => b.kind === 'table-cell').map((b) => b.row);
    expect(rows[0]).toBe(rows[1]);
    expect(rows[2]).toBe(rows[3]);
    expect(rows[1]).not.toBe(rows[2]);
  });

  it('reads HTML blocks as text and drops template tags', () => {
    const html = doc.blocks.find((b) => b.text.includes('01632 960002'));
    expect(html?.text).toBe('Call us on 01632 960002.');
    expect(html?.location.line).toBe(23);
    expect(doc.blocks.some((b) => b.text.includes('include'))).toBe(false);
  });

  it('skips front matter but keeps its dates as text', () => {
    expect(doc.blocks.some((b) => b.text.includes('title:'))).toBe(false);
    expect(doc.blocks[0]).toMatchObject({ text: 'review date: 2025-09-01', location: { line: 1 } });
  });

  it('reads a policy body kept in front matter as HTML', () => {
    const body = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const d = readMarkdown(`---\ndescription: "<h2>Our policy</h2><p>${body}</p>"\n---\n`, 'x.md');
    expect(d.sections.map((s) => s.heading)).toContain('Our policy');
    expect(d.blocks.some((b) => b.text.startsWith('word0'))).toBe(true);
    expect(d.notes.join(' ')).toMatch(/front matter/);
  });
});
