/**
 * xmlbuilder2 4.x leaves an `&` that already looks like an entity (`&amp;`, `&#13;`, `&foo;`) unescaped
 * (its `nonEntityAmpersandRegex`), so a qbXML string holding `Smith &amp; Sons` would reach QBWC as
 * `Smith & Sons` and QuickBooks could not parse it. Escaping every `&` first makes `.txt()` exact. Pure.
 */
export function protectAmpersands(text: string): string {
  return text.replaceAll('&', '&amp;');
}
