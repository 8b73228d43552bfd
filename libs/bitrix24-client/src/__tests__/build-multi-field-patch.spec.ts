import { describe, expect, it } from 'vitest';
import { buildMultiFieldPatch, type DesiredMultiFieldValue } from '../build-multi-field-patch.js';
import type { MultiFieldInput, MultiFieldValue } from '../bitrix24.types.js';

const mf = (ID: string, VALUE: string, VALUE_TYPE = 'WORK'): MultiFieldValue => ({ ID, VALUE, VALUE_TYPE, TYPE_ID: 'EMAIL' });

describe('buildMultiFieldPatch', () => {
  const cases: [string, MultiFieldValue[] | undefined, DesiredMultiFieldValue[], MultiFieldInput[]][] = [
    ['nothing stored → append', undefined, [{ VALUE: 'a@x.com' }], [{ VALUE: 'a@x.com', VALUE_TYPE: 'WORK' }]],
    ['same value stored → no change (no duplicate on re-sync)', [mf('1', 'a@x.com')], [{ VALUE: 'a@x.com', VALUE_TYPE: 'WORK' }], []],
    ['equal ignoring case and spaces → no change', [mf('1', 'A@X.com')], [{ VALUE: ' a@x.com ' }], []],
    [
      'changed value → rewritten in place by ID',
      [mf('1', 'old@x.com')],
      [{ VALUE: 'new@x.com', VALUE_TYPE: 'WORK' }],
      [{ ID: '1', VALUE: 'new@x.com', VALUE_TYPE: 'WORK' }],
    ],
    [
      'only VALUE_TYPE changed → update by ID',
      [mf('1', 'a@x.com', 'HOME')],
      [{ VALUE: 'a@x.com', VALUE_TYPE: 'WORK' }],
      [{ ID: '1', VALUE: 'a@x.com', VALUE_TYPE: 'WORK' }],
    ],
    ['value no longer wanted → deleted by ID', [mf('1', 'a@x.com'), mf('2', 'b@x.com')], [{ VALUE: 'a@x.com' }], [{ ID: '2', DELETE: 'Y' }]],
    [
      'desired empty → every stored value deleted',
      [mf('1', 'a@x.com'), mf('2', 'b@x.com')],
      [],
      [
        { ID: '1', DELETE: 'Y' },
        { ID: '2', DELETE: 'Y' },
      ],
    ],
    ['stored duplicate of a kept value → the copy is deleted', [mf('1', 'a@x.com'), mf('2', 'a@x.com')], [{ VALUE: 'a@x.com' }], [{ ID: '2', DELETE: 'Y' }]],
    ['desired duplicates collapse to one append', [], [{ VALUE: 'a@x.com' }, { VALUE: 'A@x.com' }], [{ VALUE: 'a@x.com', VALUE_TYPE: 'WORK' }]],
    ['blank desired values are ignored', [mf('1', 'a@x.com')], [{ VALUE: 'a@x.com' }, { VALUE: '  ' }], []],
    [
      'replacement prefers a slot of the same VALUE_TYPE',
      [mf('1', 'home@x.com', 'HOME'), mf('2', 'work@x.com', 'WORK')],
      [
        { VALUE: 'home@x.com', VALUE_TYPE: 'HOME' },
        { VALUE: 'work2@x.com', VALUE_TYPE: 'WORK' },
      ],
      [{ ID: '2', VALUE: 'work2@x.com', VALUE_TYPE: 'WORK' }],
    ],
    [
      'more desired than stored → reuse slots, then append',
      [mf('1', 'a@x.com')],
      [
        { VALUE: 'b@x.com', VALUE_TYPE: 'WORK' },
        { VALUE: 'c@x.com', VALUE_TYPE: 'WORK' },
      ],
      [
        { ID: '1', VALUE: 'b@x.com', VALUE_TYPE: 'WORK' },
        { VALUE: 'c@x.com', VALUE_TYPE: 'WORK' },
      ],
    ],
    ['reordered values → no change', [mf('1', 'a@x.com'), mf('2', 'b@x.com')], [{ VALUE: 'b@x.com' }, { VALUE: 'a@x.com' }], []],
  ];

  it.each(cases)('%s', (_name, existing, desired, expected) => {
    expect(buildMultiFieldPatch(existing, desired)).toEqual(expected);
  });

  it('merge mode (removeOthers=false) only appends what is missing', () => {
    expect(buildMultiFieldPatch([mf('1', 'a@x.com')], [{ VALUE: 'b@x.com' }], { removeOthers: false })).toEqual([{ VALUE: 'b@x.com', VALUE_TYPE: 'WORK' }]);
  });

  it('custom normalisation treats differently formatted phone numbers as equal', () => {
    const digits = (v: string): string => v.replace(/\D/g, '');
    const stored = [{ ID: '7', VALUE: '+1 (555) 010-2030', VALUE_TYPE: 'WORK', TYPE_ID: 'PHONE' }];
    expect(buildMultiFieldPatch(stored, [{ VALUE: '+15550102030', VALUE_TYPE: 'WORK' }], { normalize: digits })).toEqual([]);
  });

  it('applying the patch with the documented semantics yields exactly the desired set', () => {
    const existing = [mf('1', 'a@x.com'), mf('2', 'b@x.com', 'HOME'), mf('3', 'c@x.com')];
    const desired = [
      { VALUE: 'c@x.com', VALUE_TYPE: 'WORK' },
      { VALUE: 'd@x.com', VALUE_TYPE: 'HOME' },
      { VALUE: 'e@x.com', VALUE_TYPE: 'WORK' },
    ];
    const patch = buildMultiFieldPatch(existing, desired);
    // Model of bitrix24.md §6.2: no ID = append; ID + VALUE = replace; ID + DELETE = remove; others kept.
    const stored = new Map(existing.map((e) => [e.ID, { VALUE: e.VALUE, VALUE_TYPE: e.VALUE_TYPE }]));
    let next = 100;
    for (const p of patch) {
      if (p.ID === undefined) stored.set(String(next++), { VALUE: p.VALUE ?? '', VALUE_TYPE: p.VALUE_TYPE ?? 'WORK' });
      else if (p.DELETE === 'Y' || !p.VALUE) stored.delete(String(p.ID));
      else stored.set(String(p.ID), { VALUE: p.VALUE, VALUE_TYPE: p.VALUE_TYPE ?? 'WORK' });
    }
    const values = [...stored.values()].map((v) => `${v.VALUE}/${v.VALUE_TYPE}`).sort();
    expect(values).toEqual(['c@x.com/WORK', 'd@x.com/HOME', 'e@x.com/WORK']);
    expect(patch.filter((p) => p.ID === undefined)).toHaveLength(0); // all via reused IDs
  });
});
