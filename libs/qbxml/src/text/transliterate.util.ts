// QuickBooks stores text as ISO-8859-1: characters above U+00FF sent raw fail the whole message
// (HRESULT 0x80040400) and sent as references they silently become "?" (qbxml.md §3, qbwc/qbxml
// issue #8). We therefore map every character to Latin-1 before building a request.

// Russian, Ukrainian and Belarusian letters, BGN/PCGN-like (e.g. "Иванов" → "Ivanov").
// biome-ignore format: a transliteration table reads best as rows of letters
const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'Yo', Ж: 'Zh', З: 'Z', И: 'I', Й: 'Y', К: 'K', Л: 'L', М: 'M',
  Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'Kh', Ц: 'Ts', Ч: 'Ch', Ш: 'Sh', Щ: 'Shch',
  Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'Yu', Я: 'Ya', Є: 'Ye', І: 'I', Ї: 'Yi', Ґ: 'G', Ў: 'U',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'u',
};

// biome-ignore format: a transliteration table reads best as rows of letters
const GREEK: Readonly<Record<string, string>> = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'Th', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M', Ν: 'N', Ξ: 'X',
  Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'Ch', Ψ: 'Ps', Ω: 'O',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

// Latin letters and punctuation that NFKD does not reduce to Latin-1 (Windows-1252 extras included).
// biome-ignore format: a transliteration table reads best as rows of letters
const OTHER: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't', Ŋ: 'N', ŋ: 'n',
  ĸ: 'k', Ŀ: 'L', ŀ: 'l', ſ: 's', Ə: 'E', ə: 'e', ƒ: 'f',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u2022': '*', '\u20AC': 'EUR', '\u20BD': 'RUB', '\u2116': 'No', '\u2122': 'TM',
  '\u00A0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u202F': ' ',
};

/** Outcome of mapping one string to Latin-1. */
export interface Latin1Text {
  readonly value: string;
  /** true when at least one character was replaced or removed */
  readonly changed: boolean;
}

const isLatin1Printable = (cp: number): boolean => cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff);

function mapChar(ch: string): string {
  const table = CYRILLIC[ch] ?? GREEK[ch] ?? OTHER[ch];
  if (table !== undefined) return table;
  // Decompose ("Ő" → "O" + U+030B) and keep what is Latin-1, dropping combining marks.
  const decomposed = ch.normalize('NFKD');
  let out = '';
  for (const c of decomposed) {
    const cp = c.codePointAt(0) ?? 0;
    if (isLatin1Printable(cp)) out += c;
    else if (OTHER[c] !== undefined) out += OTHER[c];
  }
  return out;
}

/**
 * Maps text to printable ISO-8859-1: keeps Latin-1, transliterates Cyrillic/Greek and Latin
 * letters with diacritics, turns typographic punctuation into ASCII, removes everything else
 * (emoji, CJK, control characters). Pure.
 */
export function toLatin1(text: string): Latin1Text {
  // Fast path: the usual ASCII/Latin-1 business name needs no work.
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    if (!isLatin1Printable(text.charCodeAt(i))) {
      clean = false;
      break;
    }
  }
  if (clean) return { value: text, changed: false };

  let out = '';
  let removed = false;
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isLatin1Printable(cp)) {
      out += ch;
      continue;
    }
    const mapped = mapChar(ch);
    out += mapped;
    if (mapped === '') removed = true;
  }
  // Removing an emoji between two words would leave a double space.
  if (removed) out = out.replace(/ {2,}/g, ' ').trim();
  return { value: out, changed: true };
}
