/** fast-check arbitraries for hostile input: what a broken client, a fuzzer or an attacker might send. */
import fc from 'fast-check';

export const NASTY_TEXT = [
  "' OR 1=1 --",
  "'); DROP TABLE events; --",
  '"; select * from devices; --',
  'Robert\'); DELETE FROM duty_checks WHERE (\'1\'=\'1',
  '\u202e反转文字',
  '零\u200b宽\u200d字符',
  '\ufeff带BOM',
  '𠮷野家🧹🇨🇳',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  'e\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../county.sqlite',
  '%00%0d%0a',
  '__proto__',
  'constructor',
  'null',
  '2026-02-30',
  '2026-W54',
  '9999-99-99',
];

/** Strings that break naive code: control characters, lone surrogates, huge lengths, SQL. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_TEXT, '\u0000', '\u0007', '\ud800', '\udfff', '', ' '.repeat(50), '\n\r\t'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => '字'.repeat(n)),
);

/** Numbers out of every range: before 2020, after 2100, fractional, unsafe, negative zero, huge. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, Date.UTC(1969, 0, 1), Date.UTC(2101, 0, 1), 8.64e15 + 1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(null, true, false, [], {}),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Raw request text: JSON of hostile values, plus text JSON cannot express or parsers choke on. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  hostileValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom(
    'NaN',
    '-Infinity',
    '{"after": NaN}',
    '{"after": 1e999}',
    '{"__proto__": {"role": "command"}, "after": 0}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"events": [{"__proto__": {"kind": "duty.checked"}}]}',
    '{"a":1,"a":2}',
    '"\\ud800"',
    '{',
    '',
  ),
  fc.integer({ min: 50, max: 60_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc.integer({ min: 50, max: 30_000 }).map((d) => '{"a":'.repeat(d) + '0' + '}'.repeat(d)),
);

type Path = (string | number)[];

function leaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [path];
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (!path.length) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** A valid input with one leaf (or object) replaced by a hostile value. */
export function mutateOneLeaf(template: unknown, replacement: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...leaves(template)), replacement).map(([path, v]) => setAt(template, path, v));
}
