/** Hostile strings for every synced text field (issue #10 item 3), each with a name for the test title. */
export const HOSTILE_STRINGS: readonly (readonly [name: string, value: string])[] = [
  ['markup', '<b>Bold</b> & <i>Co</i>'],
  ['CDATA terminator', 'Acme ]]> <![CDATA[ x'],
  ['quotes', `O'Brien "The Quoted"`],
  ['SQL injection', "Robert'); DROP TABLE id_mapping;--"],
  ['template placeholders', '${process.env.QBWC_PASSWORD} {{constructor}}'],
  ['entity-looking text', '&amp; &lt;x&gt; &#60; &xxe;'],
  ['emoji', 'Café 😀 Rocket 🚀'],
  ['Cyrillic', 'Иван Петров'],
  ['RTL marks', '\u202eevil\u202c \u200fשלום\u200e'],
  ['control characters', 'Tab\tBell\u0007Esc\u001bNul\u0000End'],
  ['500 characters', 'Long'.repeat(125)],
];

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const QBWC_NS = 'http://developer.intuit.com/';

/** A SOAP envelope around a raw (unescaped) body fragment, for inputs a builder would refuse to write. */
export function rawEnvelope(inner: string, prolog = '<?xml version="1.0" encoding="utf-8"?>'): string {
  return `${prolog}<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

/** A raw operation element in the QBWC namespace. */
export function rawOp(op: string, inner: string, attrs = ''): string {
  return `<${op} xmlns="${QBWC_NS}"${attrs}>${inner}</${op}>`;
}

export function deepNesting(depth: number): string {
  return `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
}

export function manyAttributes(count: number): string {
  return Array.from({ length: count }, (_, i) => ` a${i}="${i}"`).join('');
}
