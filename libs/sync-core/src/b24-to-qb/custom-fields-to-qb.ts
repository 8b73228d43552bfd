import { toLatin1, type DataExtRet } from '@qb-b24/qbxml';
import { plainUserFieldValue, type CustomFieldProblem, type UserFieldDef } from '../mapping-rules/custom-fields.js';
import type { CustomFieldRule } from '../mapping-rules/mapping-rules.type.js';

/**
 * The longest custom-field value the connector sends: the QuickBooks UI holds 30 characters in a public custom
 * field, and what the SDK does with 31–255 is unconfirmed (qbxml.md §4.10), so longer values are cut.
 */
export const QB_CUSTOM_FIELD_MAX = 30;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * One user field's (or product property's) value as QuickBooks custom-field text, by the field's type
 * (bitrix24.md §5.13 legacy read formats): numbers as plain decimals, dates as MM/DD/YYYY (how US company files
 * type them; customFieldsToB24 reads both forms back), booleans Yes/No, enumerations by their label. '' means
 * "no value". Not cut here. Pure.
 */
export function toQbCustomFieldText(raw: unknown, def: UserFieldDef | undefined): { value: string } | { problem: string } {
  const t = plainUserFieldValue(raw).trim();
  if (t === '') return { value: '' };
  switch (def?.type) {
    case 'integer':
    case 'double': {
      const n = Number(t);
      return Number.isFinite(n) ? { value: String(n) } : { problem: `"${t}" is not a number` };
    }
    case 'date':
    case 'datetime': {
      const d = ISO_DATE.exec(t);
      return d ? { value: `${d[2]}/${d[3]}/${d[1]}` } : { problem: `"${t}" is not a date` };
    }
    case 'boolean':
      if (/^(y|1|true)$/i.test(t)) return { value: 'Yes' };
      if (/^(n|0|false)$/i.test(t)) return { value: 'No' };
      return { problem: `"${t}" is not yes or no` };
    case 'enumeration': {
      // A multiple enumeration reads as several item IDs: each becomes its label.
      const labels = t.split(', ').map((id) => def.items.find((i) => i.id === id)?.label);
      if (labels.some((l) => l === undefined))
        return { problem: `"${t}" is not an item of the list (${def.items.map((i) => `${i.id} ${i.label}`).join(', ')})` };
      return { value: labels.join(', ') };
    }
    default:
      return { value: t };
  }
}

/**
 * The QuickBooks custom-field values (DataExtName → text, '' = remove) a Bitrix24 record gives, per the rules that
 * go to QuickBooks (both / toQb). A value over QB_CUSTOM_FIELD_MAX characters is cut and reported; one that cannot
 * be converted is left out and reported. Pure.
 */
export function customFieldsToQb(
  record: Readonly<Record<string, unknown>>,
  rules: readonly CustomFieldRule[],
  defs: ReadonlyMap<string, UserFieldDef>,
): { values: Record<string, string>; problems: CustomFieldProblem[] } {
  const values: Record<string, string> = {};
  const problems: CustomFieldProblem[] = [];
  for (const rule of rules) {
    const converted = toQbCustomFieldText(record[rule.b24.field], defs.get(rule.b24.field));
    if ('problem' in converted) {
      problems.push({ field: rule.b24.field, message: `not sent to QuickBooks custom field "${rule.qb.name}": ${converted.problem}` });
      continue;
    }
    // Sent as the request builder writes it (ISO-8859-1, qbxml.md §3), so the value read back compares equal.
    let value = toLatin1(converted.value).value.trim();
    if (value.length > QB_CUSTOM_FIELD_MAX) {
      const cut = value.slice(0, QB_CUSTOM_FIELD_MAX).trimEnd();
      problems.push({
        field: rule.b24.field,
        message: `cut to ${QB_CUSTOM_FIELD_MAX} characters for QuickBooks custom field "${rule.qb.name}" ("${value}" → "${cut}"): QuickBooks holds no more`,
      });
      value = cut;
    }
    values[rule.qb.name] = value;
  }
  return { values, problems };
}

/** One custom-field write: set a value that is absent (Add), change one (Mod), or remove one (Del). */
export type DataExtStep = { readonly name: string; readonly verb: 'Add' | 'Mod'; readonly value: string } | { readonly name: string; readonly verb: 'Del' };

/**
 * The next write that brings QuickBooks' custom fields (OwnerID 0, as just read) to the wanted values, or undefined
 * when they agree: Mod when QuickBooks has a value, Add when not, Del for an empty wanted value (a Mod cannot clear,
 * qbxml.md §4.10). Names in `wanted` order, so the writes of one record always go in the same order; names in
 * `written` were written once already and are not tried again (QuickBooks kept another form of the value). Pure.
 */
export function nextDataExtStep(
  wanted: Readonly<Record<string, string>>,
  current: readonly DataExtRet[],
  written: readonly string[] = [],
): DataExtStep | undefined {
  for (const [name, value] of Object.entries(wanted)) {
    if (written.includes(name)) continue;
    const now = current.find((d) => (d.OwnerID ?? '0') === '0' && d.DataExtName === name);
    const held = now?.DataExtValue ?? '';
    if (held === value) continue;
    if (value === '') return { name, verb: 'Del' };
    return { name, verb: now === undefined || held === '' ? 'Add' : 'Mod', value };
  }
  return undefined;
}
