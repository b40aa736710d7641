import { detectLanguage } from '@/utils/language';
import { bodyFor, firstNameOf, lintTemplateBody, renderTemplate, templatesFor } from '@/utils/templates';

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

describe('locale variants: the customer’s language picks the body', () => {
  const thanks = {
    body: 'Thanks {{customer.firstName || "there"}}!',
    locale: 'en',
    variants: [
      { locale: 'fr', body: 'Merci {{customer.firstName || ""}} !' },
      { locale: 'pt-BR', body: 'Obrigado!' },
      { locale: 'pt-PT', body: 'Obrigado (PT)!' },
    ],
  };
  test.each([
    [undefined, 'Thanks {{customer.firstName || "there"}}!'],
    ['en', 'Thanks {{customer.firstName || "there"}}!'],
    ['en-GB', 'Thanks {{customer.firstName || "there"}}!'],
    ['fr', 'Merci {{customer.firstName || ""}} !'],
    ['fr-CA', 'Merci {{customer.firstName || ""}} !'],
    ['pt-PT', 'Obrigado (PT)!'],
    ['pt', 'Obrigado!'],
    ['de', 'Thanks {{customer.firstName || "there"}}!'],
  ])('%s → %s', (language, body) => {
    expect(bodyFor(thanks, language)).toBe(body);
  });
});

test.each([
  ['My order NW-5521 has not arrived and the tracking page is empty', 'en'],
  ['Bonjour, ma commande n’est pas arrivée et le suivi est vide', 'fr'],
  ['Hallo, meine Bestellung ist noch nicht da und ich habe keine Antwort', 'de'],
  ['Hola, mi pedido todavía no llega, gracias', 'es'],
  ['Ciao, il mio ordine non è ancora arrivato', 'it'],
  ['Olá, o meu pedido ainda não chegou', 'pt'],
  ['Hallo, mijn bestelling is nog niet binnen', 'nl'],
  ['Dzień dobry, moje zamówienie jeszcze nie dotarło', 'pl'],
  ['注文した商品がまだ届きません', 'ja'],
  ['我的订单还没有到', 'zh'],
  ['주문한 상품이 아직 도착하지 않았어요', 'ko'],
  ['Мой заказ ещё не пришёл', 'ru'],
  ['Моє замовлення ще не прийшло', 'uk'],
  ['ההזמנה שלי עוד לא הגיעה', 'he'],
  ['طلبي لم يصل بعد', 'ar'],
  ['👍👍', undefined],
  ['ok', undefined],
  ['NW-5521?', undefined],
  [undefined, undefined],
])('detectLanguage(%s) → %s', (text, language) => {
  expect(detectLanguage(text)).toBe(language);
});

test('account scope: scoped templates serve only the account the page is signed in as', () => {
  const all = [
    { id: '1', name: 'Any', shortcut: ';a', body: 'a' },
    { id: '2', name: 'Northwind only', shortcut: ';n', body: 'n', accounts: ['@NorthwindCo'] },
    { id: '3', name: 'Sister brand', shortcut: ';s', body: 's', accounts: ['southwind'] },
  ];
  expect(templatesFor(all, 'northwindco').map((t) => t.id)).toEqual(['1', '2']);
  expect(templatesFor(all, '@SouthWind').map((t) => t.id)).toEqual(['1', '3']);
  // The page does not say which account is signed in: everything, rather than hiding the user's templates.
  expect(templatesFor(all, null).map((t) => t.id)).toEqual(['1', '2', '3']);
});
