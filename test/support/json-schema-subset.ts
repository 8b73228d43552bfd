/**
 * A JSON Schema checker for the subset mapping.schema.json uses (type, enum, const, pattern, minLength, maxLength,
 * minimum, properties, additionalProperties: false, required, items, anyOf, local $ref), so the schema can be tested
 * against the service's own validator without adding a dependency. Unknown keywords throw: the schema must not
 * silently use something this checker ignores.
 */
type Schema = Readonly<Record<string, unknown>>;

const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  'title',
  'description',
  'type',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'properties',
  'additionalProperties',
  'required',
  'items',
  'minItems',
  'anyOf',
  '$ref',
]);

export function schemaAccepts(schema: Schema, value: unknown, root: Schema = schema): boolean {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword ${key} is not supported by the test checker`);
  const ref = schema['$ref'];
  if (typeof ref === 'string' && !schemaAccepts(resolve(root, ref), value, root)) return false;
  const type = schema['type'];
  if (typeof type === 'string' && !hasType(value, type)) return false;
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => e === value)) return false;
  if ('const' in schema && schema['const'] !== value) return false;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) return false;
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) return false;
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) return false;
  }
  if (typeof value === 'number' && typeof schema['minimum'] === 'number' && value < schema['minimum']) return false;
  if (isObject(value)) {
    const props = isObject(schema['properties']) ? schema['properties'] : {};
    for (const [key, inner] of Object.entries(value)) {
      const sub = props[key];
      if (isObject(sub)) {
        if (!schemaAccepts(sub, inner, root)) return false;
      } else if (schema['additionalProperties'] === false) return false;
    }
    if (Array.isArray(schema['required']) && !schema['required'].every((k) => typeof k === 'string' && Object.hasOwn(value, k))) return false;
  }
  if (Array.isArray(value) && typeof schema['minItems'] === 'number' && value.length < schema['minItems']) return false;
  if (Array.isArray(value) && isObject(schema['items'])) {
    const items = schema['items'];
    if (!value.every((v) => schemaAccepts(items, v, root))) return false;
  }
  if (Array.isArray(schema['anyOf']) && !schema['anyOf'].some((s) => isObject(s) && schemaAccepts(s, value, root))) return false;
  return true;
}

function resolve(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported: ${ref}`);
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isObject(at) ? at[part] : undefined;
  if (!isObject(at)) throw new Error(`$ref ${ref} points nowhere`);
  return at;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`type ${type} is not supported by the test checker`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
