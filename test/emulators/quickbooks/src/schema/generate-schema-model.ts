/**
 * Compiles the qbXML 13.0 XSD (shared/reference/data/qbxml/xsd13, entry qbxmlops130.xsd) into the compact
 * model in qbxml13-model.generated.ts: only the request and Ret types the emulator supports, with groups
 * inlined and anonymous types de-duplicated. Run after changing SUPPORTED_REQUESTS:
 *   npx tsc -b test/emulators/quickbooks && node test/emulators/quickbooks/dist/schema/generate-schema-model.js [xsdDir]
 * Dev-time script (reads files, writes one file); not used at runtime.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { AttributeDef, ComplexTypeDef, Particle, SchemaModel, SimpleTypeDef, TypeRef } from './schema-model.type.js';
import { SUPPORTED_REQUESTS, SUPPORTED_RETS } from './supported-types.constant.js';

interface XNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly kids: readonly XNode[];
}

const XSD_FILES = ['qbxmltypes130.xsd', 'qbxml130_modified.xsd', 'qbxmlso130.xsd', 'qbxmlops130.xsd'];

function toNodes(raw: unknown): XNode[] {
  if (!Array.isArray(raw)) return [];
  const out: XNode[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const entries = Object.entries(item);
    const tagEntry = entries.find(([k]) => k !== ':@' && k !== '#text' && !k.startsWith('?') && k !== '#comment');
    if (!tagEntry) continue;
    const attrRaw = (item as Record<string, unknown>)[':@'];
    const attrs: Record<string, string> = {};
    if (typeof attrRaw === 'object' && attrRaw !== null) {
      for (const [k, v] of Object.entries(attrRaw)) attrs[k] = String(v);
    }
    out.push({ tag: tagEntry[0].replace(/^xsd:/, ''), attrs, kids: toNodes(tagEntry[1]) });
  }
  return out;
}

class XsdCompiler {
  private readonly elements = new Map<string, XNode>();
  private readonly complexTypes = new Map<string, XNode>();
  private readonly simpleTypes = new Map<string, XNode>();
  private readonly groups = new Map<string, XNode>();
  readonly simple: Record<string, SimpleTypeDef> = {};
  readonly complex: Record<string, ComplexTypeDef> = {};
  private readonly anonKeys = new Map<string, string>();
  private anonCounter = 0;

  constructor(xsdDir: string) {
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseAttributeValue: false,
      commentPropName: '#comment',
    });
    for (const file of XSD_FILES) {
      const doc = toNodes(parser.parse(readFileSync(path.join(xsdDir, file), 'utf8')));
      const schema = doc.find((n) => n.tag === 'schema');
      if (!schema) throw new Error(`${file}: no xsd:schema`);
      for (const n of schema.kids) {
        const name = n.attrs['name'];
        if (name === undefined) continue;
        if (n.tag === 'element') this.elements.set(name, n);
        else if (n.tag === 'complexType') this.complexTypes.set(name, n);
        else if (n.tag === 'simpleType') this.simpleTypes.set(name, n);
        else if (n.tag === 'group') this.groups.set(name, n);
      }
    }
  }

  globalElement(name: string): XNode {
    const el = this.elements.get(name);
    if (!el) throw new Error(`no global element ${name}`);
    return el;
  }

  /** Type of an element declaration (named, inline, or ref to a global element). */
  elementType(el: XNode): TypeRef {
    const ref = el.attrs['ref'];
    if (ref !== undefined) return this.elementType(this.globalElement(ref));
    const type = el.attrs['type'];
    if (type !== undefined) return this.namedType(type);
    const inlineComplex = el.kids.find((k) => k.tag === 'complexType');
    if (inlineComplex) return this.anonymous('c', inlineComplex);
    const inlineSimple = el.kids.find((k) => k.tag === 'simpleType');
    if (inlineSimple) return this.anonymous('s', inlineSimple);
    return 'x:string';
  }

  namedType(name: string): TypeRef {
    if (name.startsWith('xsd:')) return `x:${name.slice(4)}`;
    if (this.simpleTypes.has(name)) {
      if (!(name in this.simple)) {
        const node = this.simpleTypes.get(name);
        if (!node) throw new Error(name);
        this.simple[name] = { base: 'x:string' };
        this.simple[name] = this.compileSimple(node);
      }
      return `s:${name}`;
    }
    const node = this.complexTypes.get(name);
    if (!node) throw new Error(`unknown type ${name}`);
    if (!(name in this.complex)) {
      this.complex[name] = { content: null, children: {}, order: [], attrs: {} };
      this.complex[name] = this.compileComplex(node);
    }
    return `c:${name}`;
  }

  private anonymous(kind: 's' | 'c', node: XNode): TypeRef {
    const def = kind === 's' ? this.compileSimple(node) : this.compileComplex(node);
    const key = kind + JSON.stringify(def);
    let id = this.anonKeys.get(key);
    if (id === undefined) {
      id = `_${(this.anonCounter++).toString(36)}`;
      this.anonKeys.set(key, id);
      if (kind === 's') this.simple[id] = def as SimpleTypeDef;
      else this.complex[id] = def as ComplexTypeDef;
    }
    return `${kind}:${id}`;
  }

  private compileSimple(node: XNode): SimpleTypeDef {
    const union = node.kids.find((k) => k.tag === 'union');
    if (union) return { union: union.kids.filter((k) => k.tag === 'simpleType').map((k) => this.anonymous('s', k)) };
    const r = node.kids.find((k) => k.tag === 'restriction');
    if (!r) return { base: 'x:string' };
    const def: { -readonly [K in keyof SimpleTypeDef]: SimpleTypeDef[K] } = { base: this.namedType(r.attrs['base'] ?? 'xsd:string') };
    const enums = r.kids.filter((k) => k.tag === 'enumeration').map((k) => k.attrs['value'] ?? '');
    if (enums.length) def.enumeration = enums;
    const patterns = r.kids.filter((k) => k.tag === 'pattern').map((k) => k.attrs['value'] ?? '');
    if (patterns.length) def.pattern = patterns;
    for (const k of r.kids) {
      if (k.tag === 'maxLength') def.maxLength = Number(k.attrs['value']);
      if (k.tag === 'minInclusive') def.minInclusive = k.attrs['value'];
      if (k.tag === 'maxInclusive') def.maxInclusive = k.attrs['value'];
    }
    return def;
  }

  private compileComplex(node: XNode): ComplexTypeDef {
    const children: Record<string, TypeRef> = {};
    const order: string[] = [];
    const attrs: Record<string, AttributeDef> = {};
    let content: Particle | null = null;
    let text: TypeRef | undefined;
    const collectAttrs = (nodes: readonly XNode[]): void => {
      for (const a of nodes.filter((k) => k.tag === 'attribute')) {
        const name = a.attrs['name'];
        if (name === undefined) continue;
        const inline = a.kids.find((k) => k.tag === 'simpleType');
        const t = inline ? this.anonymous('s', inline) : this.namedType(a.attrs['type'] ?? 'xsd:string');
        attrs[name] = { t, required: a.attrs['use'] === 'required' };
      }
    };
    collectAttrs(node.kids);
    const simpleContent = node.kids.find((k) => k.tag === 'simpleContent');
    if (simpleContent) {
      const ext = simpleContent.kids.find((k) => k.tag === 'extension' || k.tag === 'restriction');
      if (ext) {
        text = this.namedType(ext.attrs['base'] ?? 'xsd:string');
        collectAttrs(ext.kids);
      }
    }
    const model = node.kids.find((k) => k.tag === 'sequence' || k.tag === 'choice' || k.tag === 'group');
    if (model) content = this.particle(model, children, order);
    return text === undefined ? { content, children, order, attrs } : { content, children, order, attrs, text };
  }

  private particle(node: XNode, children: Record<string, TypeRef>, order: string[]): Particle {
    const min = node.attrs['minOccurs'] === undefined ? 1 : Number(node.attrs['minOccurs']);
    const maxRaw = node.attrs['maxOccurs'];
    const max = maxRaw === undefined ? 1 : maxRaw === 'unbounded' ? -1 : Number(maxRaw);
    if (node.tag === 'element') {
      const n = node.attrs['ref'] ?? node.attrs['name'];
      if (n === undefined) throw new Error('element without name');
      const t = this.elementType(node);
      if (!(n in children)) {
        children[n] = t;
        order.push(n);
      }
      return { k: 'e', n, t, min, max };
    }
    if (node.tag === 'group') {
      const ref = node.attrs['ref'];
      const g = ref === undefined ? node : this.groups.get(ref);
      if (!g) throw new Error(`unknown group ${ref ?? ''}`);
      const inner = g.kids.find((k) => k.tag === 'sequence' || k.tag === 'choice');
      if (!inner) throw new Error(`empty group ${ref ?? ''}`);
      const p = this.particle(inner, children, order);
      if (min === 1 && max === 1) return p;
      return { k: 's', min, max, p: [p] };
    }
    const parts = node.kids
      .filter((k) => k.tag === 'element' || k.tag === 'group' || k.tag === 'sequence' || k.tag === 'choice')
      .map((k) => this.particle(k, children, order));
    return { k: node.tag === 'choice' ? 'c' : 's', min, max, p: parts };
  }

  knownRequests(): string[] {
    const msgs = this.globalElement('QBXMLMsgsRq');
    const ct = msgs.kids.find((k) => k.tag === 'complexType');
    const choice = ct?.kids.find((k) => k.tag === 'choice');
    return (choice?.kids ?? []).map((k) => k.attrs['name'] ?? '').filter((n) => n !== '');
  }

  requestType(name: string): TypeRef {
    const msgs = this.globalElement('QBXMLMsgsRq');
    const ct = msgs.kids.find((k) => k.tag === 'complexType');
    const el = ct?.kids.find((k) => k.tag === 'choice')?.kids.find((k) => k.attrs['name'] === name);
    if (!el) throw new Error(`unknown request ${name}`);
    return this.elementType(el);
  }

  msgsRqAttrs(): Record<string, AttributeDef> {
    const msgs = this.globalElement('QBXMLMsgsRq');
    const ct = msgs.kids.find((k) => k.tag === 'complexType');
    if (!ct) throw new Error('QBXMLMsgsRq has no complexType');
    return this.compileComplex({ tag: 'complexType', attrs: {}, kids: ct.kids.filter((k) => k.tag === 'attribute') }).attrs;
  }
}

/** Builds the model from an XSD directory (pure apart from reading the files). */
export function compileSchemaModel(xsdDir: string): SchemaModel {
  const c = new XsdCompiler(xsdDir);
  const requests: Record<string, TypeRef> = {};
  for (const rq of SUPPORTED_REQUESTS) requests[rq] = c.requestType(rq);
  const rets: Record<string, TypeRef> = {};
  for (const ret of SUPPORTED_RETS) rets[ret] = c.elementType(c.globalElement(ret));
  return { simple: c.simple, complex: c.complex, knownRequests: c.knownRequests(), requests, rets, msgsRqAttrs: c.msgsRqAttrs() };
}

function main(): void {
  const here = import.meta.dirname;
  const xsdDir = process.argv[2] ?? path.resolve(here, '..', '..', '..', '..', '..', '..', 'shared', 'reference', 'data', 'qbxml', 'xsd13');
  const model = compileSchemaModel(xsdDir);
  const target = path.resolve(here, '..', '..', 'src', 'schema', 'qbxml13-model.generated.ts');
  const header = [
    '// GENERATED by src/schema/generate-schema-model.ts from the qbXML 13.0 XSD (qbxmlops130.xsd). Do not edit.',
    "import type { SchemaModel } from './schema-model.type.js';",
    '',
    'export const QBXML13_MODEL: SchemaModel = ',
  ].join('\n');
  writeFileSync(target, `${header}${JSON.stringify(model)};\n`);
  process.stdout.write(`wrote ${target}: ${Object.keys(model.complex).length} complex, ${Object.keys(model.simple).length} simple types\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
