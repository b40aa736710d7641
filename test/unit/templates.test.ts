import { firstNameOf, lintTemplateBody, renderTemplate } from '@/utils/templates';

const values = {
  'customer.name': 'Maya Ortiz',
  'customer.firstName': 'Maya',
  'customer.handle': '@maya_rides',
  'agent.name': 'Riley',
  'brand.name': 'Northwind',
  platform: 'X',
  'item.link': 'https://x.com/maya_rides/status/1',
};

test.each([
  ['Hi {{customer.firstName}}!', 'Hi Maya!'],
  ['{{ customer.name }} / {{customer.handle}}', 'Maya Ortiz / @maya_rides'],
  ['— {{agent.name}} at {{brand.name}} on {{platform}}: {{item.link}}', '— Riley at Northwind on X: https://x.com/maya_rides/status/1'],
  ['Hi {{customer.firstName || "there"}}', 'Hi Maya'],
  ['no tokens at all', 'no tokens at all'],
])('renders %s', (body, expected) => {
  const r = renderTemplate(body, values);
  expect(r).toEqual({ ok: true, value: { text: expected, cursors: [] } });
});

test('fallbacks apply when the value is missing or blank, with either quote', () => {
  expect(renderTemplate('Hi {{customer.firstName || "there"}}', {})).toMatchObject({ ok: true, value: { text: 'Hi there' } });
  expect(renderTemplate("Hi {{customer.firstName || 'friend'}}", { 'customer.firstName': '  ' })).toMatchObject({
    ok: true,
    value: { text: 'Hi friend' },
  });
  expect(renderTemplate('{{agent.name || "the \\"team\\""}}', {})).toMatchObject({ value: { text: 'the "team"' } });
});

test('cursor stops are reported as offsets, placeholders selected', () => {
  const r = renderTemplate('Hi {{customer.firstName}}, {{cursor}}. Order {{cursor:number}}?', values);
  expect(r.ok && r.value).toEqual({
    text: 'Hi Maya, . Order number?',
    cursors: [
      { start: 9, end: 9 },
      { start: 17, end: 23 },
    ],
  });
});

test('unknown variables and missing values block rendering and are named', () => {
  const r = renderTemplate('Hi {{customer.nickname}} from {{agent.name}}', {});
  expect(r.ok).toBe(false);
  expect(!r.ok && r.problems).toEqual([
    'Unknown variable {{customer.nickname}}',
    '{{agent.name}} has no value here; set it or add a fallback: {{agent.name || "…"}}',
  ]);
});

test('lint finds unknown variables and unclosed tokens without a customer', () => {
  expect(lintTemplateBody('Hello {{customer.firstName}}')).toEqual([]);
  expect(lintTemplateBody('Hello {{custommer.name}}')).toEqual(['Unknown variable {{custommer.name}}']);
  expect(lintTemplateBody('Hello {{customer.name')).toEqual(['A "{{" is never closed with "}}"']);
});

test.each([
  ['Maya Ortiz', 'Maya'],
  ['Ortiz, Maya', 'Maya'],
  ['Dr. Ana Lima', 'Ana'],
  ['@maya_rides', undefined],
  ['🚲🚲', undefined],
  ['🚲 Maya', 'Maya'],
  ['', undefined],
  [undefined, undefined],
])('first name of %s is %s', (name, first) => {
  expect(firstNameOf(name)).toBe(first);
});
