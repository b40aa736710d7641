import { toCsv } from '@/utils/csv';

type Value = string | number | boolean | null | undefined;
/** The one cell a single value becomes (the header `h` and the line ends cut off). */
const cell = (value: Value) =>
  toCsv([value], [{ header: 'h', value: (v: Value) => v }])
    .slice('h\r\n'.length)
    .replace(/\r\n$/, '');

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated line per row, in column order', () => {
    const csv = toCsv(
      [
        { a: 'x', b: 1 },
        { a: 'y', b: 2 },
      ],
      [
        { header: 'B', value: (r: { a: string; b: number }) => r.b },
        { header: 'A', value: (r) => r.a },
      ],
    );
    expect(csv).toBe('B,A\r\n1,x\r\n2,y\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], [{ header: 'value', value: () => 1 }])).toBe('value\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', ''],
    ['héllo ✓ 日本', 'héllo ✓ 日本'],
  ])('RFC 4180 quoting: %j → %j', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("https://evil.example","click")', `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ['+1+cmd|/C calc!A0', "'+1+cmd|/C calc!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
  ])('formula injection: %j → %j', (input, expected) => {
    expect(cell(input)).toBe(expected);
  });

  it('leaves numbers and booleans as values, and empty cells for missing or non-finite numbers', () => {
    expect(cell(-0.4)).toBe('-0.4');
    expect(cell(42)).toBe('42');
    expect(cell(Number.NaN)).toBe('');
    expect(cell(Number.POSITIVE_INFINITY)).toBe('');
    expect(cell(true)).toBe('true');
    expect(cell(null)).toBe('');
    expect(cell(undefined)).toBe('');
  });

  it('protects headers too', () => {
    expect(toCsv([], [{ header: '=evil', value: () => '' }])).toBe("'=evil\r\n");
  });
});
