// A copy of libs/qbwc-soap/src/count-xml-markup.ts: the libraries depend on none of each other.
/** The most elements and attributes a document may have before any parse is tried. */
export interface MarkupLimits {
  readonly elements: number;
  readonly attributes: number;
}

/**
 * Which limit a document exceeds, or `undefined` if it keeps to both. Pure, linear and allocation-free:
 * it walks `<` to `>` only, counting start tags and the `=` of attributes outside quoted values, and skips
 * comments, CDATA, processing instructions and end tags. It stops counting as soon as a limit is passed, so
 * 2.7 million attributes cost one pass over the first few KiB past the limit, never a parse (issue 19).
 */
export function exceededMarkupLimit(xml: string, limits: MarkupLimits): 'elements' | 'attributes' | undefined {
  let elements = 0;
  let attributes = 0;
  let i = 0;
  const n = xml.length;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return undefined;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      const close = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<![CDATA[', lt) ? ']]>' : '>';
      const end = xml.indexOf(close, lt + 2);
      if (end < 0) return undefined;
      i = end + close.length;
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      i = lt + 2;
      continue;
    }
    elements += 1;
    if (elements > limits.elements) return 'elements';
    let quote = 0;
    let j = lt + 1;
    for (; j < n; j += 1) {
      const c = xml.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3d /* = */) {
        attributes += 1;
        if (attributes > limits.attributes) return 'attributes';
      } else if (c === 0x3e /* > */) break;
    }
    i = j + 1;
  }
}
