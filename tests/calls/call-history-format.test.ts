// Pure parts of the call history: the path of a call on its flow (visited nodes in order, the
// edges of the outputs taken, a loop visiting a node twice, events of another flow skipped),
// the CSV fields (quoting, formula defusing, phone numbers kept), and the query's period days
// read in the organisation's time zone across a DST change.
//
//   welcome ──next──▶ menu ──1──▶ agents
//                      │  ▲
//                 timeout  └──────── (loop: invalid → menu)
//                      ▼
//                     bye
import { describe, expect, it } from 'vitest';
import { csvField } from '@/app/lib/calls/call-history-csv';
import { parseCallHistoryQuery } from '@/app/lib/calls/call-history-query';
import { callPathOnFlow } from '@/app/lib/calls/call-path';

const doc = {
  nodes: [{ id: 'welcome' }, { id: 'menu' }, { id: 'agents' }, { id: 'bye' }],
  edges: [
    { id: 'e1', source: 'welcome', sourceOutput: 'next', target: 'menu' },
    { id: 'e2', source: 'menu', sourceOutput: '1', target: 'agents' },
    { id: 'e3', source: 'menu', sourceOutput: 'timeout', target: 'bye' },
    { id: 'e4', source: 'menu', sourceOutput: 'invalid', target: 'menu' },
  ],
};
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));

describe('callPathOnFlow', () => {
  it('marks the visited nodes in order and the edges taken, with their times', () => {
    const path = callPathOnFlow(doc, [
      { at: at(0), kind: 'call-started', nodeId: null, output: null },
      { at: at(0), kind: 'node-entered', nodeId: 'welcome', output: null },
      { at: at(3), kind: 'output-taken', nodeId: 'welcome', output: 'next' },
      { at: at(3), kind: 'node-entered', nodeId: 'menu', output: null },
      { at: at(8), kind: 'output-taken', nodeId: 'menu', output: 'invalid' },
      { at: at(8), kind: 'node-entered', nodeId: 'menu', output: null },
      { at: at(12), kind: 'output-taken', nodeId: 'menu', output: '1' },
      { at: at(12), kind: 'node-entered', nodeId: 'agents', output: null },
      { at: at(13), kind: 'node-entered', nodeId: 'elsewhere', output: null },
      { at: at(14), kind: 'output-taken', nodeId: 'agents', output: 'answered' },
    ]);
    expect([...path.nodes.keys()]).toEqual(['welcome', 'menu', 'agents']);
    expect(path.nodes.get('menu')).toEqual({ at: [at(3), at(8)], order: [2, 3] });
    expect(path.nodes.get('agents')).toEqual({ at: [at(12)], order: [4] });
    expect([...path.edges.keys()].sort()).toEqual(['e1', 'e2', 'e4']);
    expect(path.edges.get('e2')).toEqual({ at: [at(12)], output: '1' });
    expect(path.nodes.has('bye')).toBe(false);
  });
});

describe('csvField', () => {
  it('quotes what needs it and defuses formulas, but keeps phone numbers', () => {
    expect(csvField('Accueil, Ventes', ',')).toBe('"Accueil, Ventes"');
    expect(csvField('Accueil, Ventes', ';')).toBe('Accueil, Ventes');
    expect(csvField('dit "bonjour"', ';')).toBe('"dit ""bonjour"""');
    expect(csvField('a\nb', ',')).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("x")', ',')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)', ';')).toBe("'@SUM(A1)");
    expect(csvField('+33612345678', ';')).toBe('+33612345678');
    expect(csvField('-1+2', ';')).toBe("'-1+2");
    expect(csvField(null, ';')).toBe('');
    expect(csvField(12, ';')).toBe('12');
  });
});

describe('parseCallHistoryQuery', () => {
  it("reads days in the organisation's time zone, across the change to summer time", () => {
    const { filters } = parseCallHistoryQuery(new URLSearchParams('from=2026-03-29&to=2026-03-29'), 'Europe/Paris');
    // 29 March 2026 in Paris: 23 hours, from 23:00 UTC the day before to 22:00 UTC.
    expect(filters.from?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(filters.to?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const ny = parseCallHistoryQuery(new URLSearchParams('from=2026-03-02'), 'America/New_York').filters;
    expect(ny.from?.toISOString()).toBe('2026-03-02T05:00:00.000Z');
  });

  it('normalises a typed caller and names the failing parameter', () => {
    expect(parseCallHistoryQuery(new URLSearchParams('caller=0033 6 12.34'), 'Europe/Paris').filters.caller).toBe('+3361234');
    expect(() => parseCallHistoryQuery(new URLSearchParams('outcome=x'), 'Europe/Paris')).toThrow(expect.objectContaining({ path: '/outcome' }));
  });
});
