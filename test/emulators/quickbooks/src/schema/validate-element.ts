import type { XmlElement } from '../xml/xml-element.type.js';
import type { AttributeDef, ComplexTypeDef, Particle, SchemaModel, SimpleTypeDef, TypeRef } from './schema-model.type.js';

/** A string longer than its maxLength facet: QuickBooks answers 3070 for that request (qbxml.md §6, §10 item 6). */
export interface LengthViolation {
  readonly field: string;
  readonly value: string;
  readonly maxLength: number;
}

export type ElementValidation = { readonly ok: true; readonly lengthViolations: readonly LengthViolation[] } | { readonly ok: false; readonly reason: string };

const BUILTIN_CHECKS: Readonly<Record<string, (v: string) => boolean>> = {
  string: () => true,
  token: () => true,
  normalizedString: () => true,
  boolean: (v) => /^(true|false|1|0)$/.test(v.trim()),
  integer: (v) => /^[+-]?\d+$/.test(v.trim()),
  decimal: (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.trim()),
  date: (v) => {
    const m = /^(\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(v.trim());
    if (!m) return false;
    const month = Number(m[2]);
    const day = Number(m[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  },
  duration: (v) => /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v.trim()),
};

/** Validates elements against the compiled qbXML model ("walks" it); results are pure functions of input. */
export class SchemaValidator {
  private readonly regexCache = new Map<string, RegExp>();

  constructor(private readonly model: SchemaModel) {}

  get schema(): SchemaModel {
    return this.model;
  }

  /** Validates one element (and its subtree) against a type. Never throws. */
  validate(el: XmlElement, type: TypeRef): ElementValidation {
    const lengths: LengthViolation[] = [];
    const reason = this.element(el, type, lengths);
    return reason === null ? { ok: true, lengthViolations: lengths } : { ok: false, reason };
  }

  /** Checks attribute values against their declared types; unknown attributes are schema errors. */
  validateAttributes(el: XmlElement, defs: Readonly<Record<string, AttributeDef>>, lengths: LengthViolation[]): string | null {
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name.startsWith('xmlns')) continue;
      const def = defs[name];
      if (!def) return `attribute '${name}' is not allowed on '${el.name}'`;
      const r = this.simpleValue(value, def.t, `${el.name}/@${name}`, lengths);
      if (r !== null) return r;
    }
    for (const [name, def] of Object.entries(defs)) {
      if (def.required && !(name in el.attrs)) return `attribute '${name}' is required on '${el.name}'`;
    }
    return null;
  }

  private element(el: XmlElement, type: TypeRef, lengths: LengthViolation[]): string | null {
    if (type.startsWith('c:')) {
      const def = this.model.complex[type.slice(2)];
      if (!def) return `unknown type ${type}`;
      return this.complexElement(el, def, lengths);
    }
    if (el.children.length > 0) return `element '${el.name}' must not have child elements`;
    if (Object.keys(el.attrs).some((a) => !a.startsWith('xmlns'))) return `element '${el.name}' must not have attributes`;
    return this.simpleValue(el.text, type, el.name, lengths);
  }

  private complexElement(el: XmlElement, def: ComplexTypeDef, lengths: LengthViolation[]): string | null {
    const attrReason = this.validateAttributes(el, def.attrs, lengths);
    if (attrReason !== null) return attrReason;
    if (def.text !== undefined) {
      if (el.children.length > 0) return `element '${el.name}' must not have child elements`;
      return this.simpleValue(el.text, def.text, el.name, lengths);
    }
    if (el.text.trim() !== '') return `element '${el.name}' must not contain text`;
    for (const child of el.children) {
      const t = def.children[child.name];
      if (t === undefined) return `element '${child.name}' is not expected in '${el.name}'`;
    }
    const names = el.children.map((c) => c.name);
    const ends = def.content === null ? new Set([0]) : this.match(def.content, names, new Set([0]));
    if (!ends.has(names.length))
      return `the children of '${el.name}' (${names.join(', ') || 'none'}) do not match the XSD content model (order, required or repeated elements)`;
    for (const child of el.children) {
      const t = def.children[child.name];
      if (t === undefined) continue;
      const r = this.element(child, t, lengths);
      if (r !== null) return r;
    }
    return null;
  }

  /** NFA simulation: the set of positions reachable after matching `p` from any of `starts`. */
  private match(p: Particle, names: readonly string[], starts: ReadonlySet<number>): Set<number> {
    const once = (from: ReadonlySet<number>): Set<number> => {
      const out = new Set<number>();
      if (p.k === 'e') {
        for (const s of from) if (names[s] === p.n) out.add(s + 1);
        return out;
      }
      if (p.k === 's') {
        let cur: Set<number> = new Set(from);
        for (const item of p.p) {
          cur = this.match(item, names, cur);
          if (cur.size === 0) break;
        }
        return cur;
      }
      for (const item of p.p) for (const e of this.match(item, names, from)) out.add(e);
      return out;
    };
    const result = new Set<number>(p.min === 0 ? starts : []);
    let cur: ReadonlySet<number> = starts;
    const seen = new Set<number>(starts);
    for (let i = 1; p.max === -1 || i <= p.max; i++) {
      const next = once(cur);
      if (next.size === 0) break;
      if (i >= p.min) for (const e of next) result.add(e);
      if (p.max === -1 && i >= p.min) {
        const fresh = [...next].filter((e) => !seen.has(e));
        if (fresh.length === 0) break;
        for (const e of fresh) seen.add(e);
        cur = new Set(fresh);
      } else {
        cur = next;
      }
    }
    return result;
  }

  private simpleValue(value: string, type: TypeRef, field: string, lengths: LengthViolation[]): string | null {
    if (type.startsWith('x:')) {
      const check = BUILTIN_CHECKS[type.slice(2)];
      return check === undefined || check(value) ? null : `'${field}': '${value}' is not a valid ${type.slice(2)}`;
    }
    const def: SimpleTypeDef | undefined = this.model.simple[type.slice(2)];
    if (!def) return `unknown type ${type}`;
    if (def.union) {
      const ok = def.union.some((m) => this.simpleValue(value, m, field, []) === null);
      return ok ? null : `'${field}': '${value}' is not valid`;
    }
    if (def.enumeration && !def.enumeration.includes(def.base === 'x:token' ? value.trim() : value)) {
      return `'${field}': '${value}' is not one of the allowed values`;
    }
    if (def.pattern && !def.pattern.some((pt) => this.regex(pt).test(value))) return `'${field}': '${value}' does not match the pattern`;
    if (def.minInclusive !== undefined && Number(value) < Number(def.minInclusive)) return `'${field}': '${value}' is below ${def.minInclusive}`;
    if (def.maxInclusive !== undefined && Number(value) > Number(def.maxInclusive)) return `'${field}': '${value}' is above ${def.maxInclusive}`;
    if (def.maxLength !== undefined && value.length > def.maxLength) lengths.push({ field: field.split('/')[0] ?? field, value, maxLength: def.maxLength });
    return def.base === undefined ? null : this.simpleValue(value, def.base, field, lengths);
  }

  private regex(pattern: string): RegExp {
    let re = this.regexCache.get(pattern);
    if (!re) {
      re = new RegExp(`^(?:${pattern})$`);
      this.regexCache.set(pattern, re);
    }
    return re;
  }
}
