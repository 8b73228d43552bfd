/**
 * REST method table of the emulated portal: name → scope + handler (bitrix24.md §1.5, §5, §6.3).
 */
import { ApiError, legacyError } from './api-error.js';
import { ENTITIES, FIELD_DEFS, type EntityName } from './entity-fields.js';
import { formatDateTime, offsetMinutes, phpMap } from './format.js';
import { asList, asPositiveInt, param, type Params } from './params.js';
import { registerPipelineMethods } from './pipeline-methods.js';
import { renderProductProperty } from './product-properties.js';
import { fieldKinds, runListQuery } from './query.js';
import { renderStatus } from './statuses.js';
import { renderUserField } from './user-fields.js';
import type { CrmStore } from './store.js';

export interface MethodResult {
  result: unknown;
  total?: number;
  next?: number;
}

export interface MethodContext {
  store: CrmStore;
  userId: number;
  scopes: readonly string[];
  timeZone: string;
  now: () => number;
}

export interface MethodDef {
  scope: string;
  handler: (p: Params, ctx: MethodContext) => MethodResult;
}

const ok = (result: unknown): MethodResult => ({ result });

function idParam(p: Params, message = 'ID is not defined or invalid.'): number {
  const id = asPositiveInt(param(p, 'id'));
  if (id === undefined) throw legacyError(message);
  return id;
}

function ufTypes(ctx: MethodContext, entity: EntityName): Map<string, string> {
  return new Map(ctx.store.userFields.filter((u) => u.entity === entity).map((u) => [u.fieldName, u.userTypeId]));
}

/** `crm.X.fields` descriptors incl. UF fields (§10 item 29). */
function describeFields(ctx: MethodContext, entity: EntityName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of FIELD_DEFS[entity]) {
    out[d.name] = {
      type: d.type,
      isRequired: d.isRequired,
      isReadOnly: d.isReadOnly,
      isImmutable: d.isImmutable,
      isMultiple: d.isMultiple,
      isDynamic: false,
      title: d.title,
      ...(d.statusType ? { statusType: d.statusType } : {}),
    };
  }
  for (const u of ctx.store.userFields.filter((x) => x.entity === entity)) {
    out[u.fieldName] = {
      type: u.userTypeId,
      isRequired: u.mandatory,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: u.multiple,
      isDynamic: true,
      title: u.fieldName,
      listLabel: u.label,
      formLabel: u.label,
      filterLabel: u.label,
      settings: [],
      // Enumeration options as `items: [{ID, VALUE}]` (§5.13).
      ...(u.list ? { items: u.list.map((o) => ({ ID: String(o.id), VALUE: o.value })) } : {}),
    };
  }
  return out;
}

function entityMethods(entity: EntityName): Record<string, MethodDef> {
  const base = `crm.${entity}`;
  const m: Record<string, MethodDef> = {
    [`${base}.add`]: { scope: 'crm', handler: (p, ctx) => ok(ctx.store.add(entity, param(p, 'fields'))) },
    [`${base}.update`]: {
      scope: 'crm',
      handler: (p, ctx) => {
        ctx.store.update(entity, idParam(p), param(p, 'fields'));
        return ok(true);
      },
    },
    [`${base}.get`]: {
      scope: 'crm',
      handler: (p, ctx) => {
        const r = ctx.store.render(entity, idParam(p));
        if (!r) throw legacyError('Not found');
        return ok(r);
      },
    },
    [`${base}.list`]: {
      scope: 'crm',
      handler: (p, ctx) => {
        const page = runListQuery(
          ctx.store.renderAll(entity),
          { filter: param(p, 'filter'), order: param(p, 'order'), select: param(p, 'select'), start: param(p, 'start') },
          fieldKinds(entity, ufTypes(ctx, entity)),
          ctx.timeZone,
        );
        return { result: page.rows, total: page.total, ...(page.next === undefined ? {} : { next: page.next }) };
      },
    },
    [`${base}.delete`]: {
      scope: 'crm',
      handler: (p, ctx) => {
        ctx.store.delete(entity, idParam(p));
        return ok(true);
      },
    },
    [`${base}.fields`]: { scope: 'crm', handler: (_p, ctx) => ok(describeFields(ctx, entity)) },
  };
  if (entity !== 'product') {
    m[`${base}.userfield.add`] = { scope: 'crm', handler: (p, ctx) => ok(ctx.store.addUserField(entity, param(p, 'fields'))) };
    m[`${base}.userfield.list`] = {
      scope: 'crm',
      handler: (p, ctx) => {
        const all = ctx.store.userFields.filter((u) => u.entity === entity).map((u) => renderUserField(u));
        const page = runListQuery(all, { filter: param(p, 'filter'), order: param(p, 'order') }, new Map([['ID', 'number' as const]]), ctx.timeZone, {
          multiFields: false,
          ufPrefix: false,
          unpaged: true,
          defaultKind: 'string',
        });
        return { result: page.rows, total: page.total };
      },
    };
    m[`${base}.userfield.get`] = {
      scope: 'crm',
      handler: (p, ctx) => {
        const id = idParam(p);
        const u = ctx.store.userFields.find((x) => x.entity === entity && x.id === id);
        if (!u) throw legacyError(`The entity with ID '${String(id)}' is not found.`);
        return ok(renderUserField(u));
      },
    };
  }
  return m;
}

/** Methods that need application (OAuth) context and refuse webhook auth (§10 item 35; exact code unconfirmed). */
const APP_ONLY = ['event.bind', 'event.unbind', 'event.get', 'event.offline.get', 'event.offline.list', 'event.offline.clear', 'event.offline.error'];

export function buildMethodTable(): Map<string, MethodDef> {
  const table = new Map<string, MethodDef>();
  for (const e of ENTITIES) for (const [k, v] of Object.entries(entityMethods(e))) table.set(k, v);
  const add = (name: string, def: MethodDef): void => void table.set(name, def);

  add('scope', { scope: 'basic', handler: (_p, ctx) => ok([...ctx.scopes]) });
  add('server.time', { scope: 'basic', handler: (_p, ctx) => ok(formatDateTime(ctx.now(), ctx.timeZone)) });
  add('profile', { scope: 'basic', handler: (_p, ctx) => ok(profile(ctx)) });
  add('user.current', { scope: 'user', handler: (_p, ctx) => ok({ ...profile(ctx), ACTIVE: true, UF_DEPARTMENT: [1] }) });
  add('method.get', {
    scope: 'basic',
    handler: (p, ctx) => {
      const name = String(param(p, 'name') ?? '').toLowerCase();
      const def = table.get(name);
      return ok({
        isExisting: def !== undefined || name === 'batch',
        isAvailable: def === undefined ? name === 'batch' : def.scope === 'basic' || ctx.scopes.includes(def.scope),
      });
    },
  });
  add('crm.deal.productrows.get', {
    scope: 'crm',
    handler: (p, ctx) => ok(ctx.store.productRows(idParam(p, 'The parameter id is invalid or not defined.'))),
  });
  add('crm.deal.productrows.set', {
    scope: 'crm',
    handler: (p, ctx) => {
      ctx.store.setProductRows(idParam(p, 'The parameter id is invalid or not defined.'), param(p, 'rows'));
      return ok(true);
    },
  });
  add('crm.product.property.add', { scope: 'crm', handler: (p, ctx) => ok(ctx.store.addProductProperty(param(p, 'fields'))) });
  add('crm.product.property.list', { scope: 'crm', handler: (_p, ctx) => ok(ctx.store.productProperties.map(renderProductProperty)) });
  add('crm.contact.company.items.get', { scope: 'crm', handler: (p, ctx) => ok(ctx.store.contactCompanies(idParam(p))) });
  add('crm.contact.company.items.set', {
    scope: 'crm',
    handler: (p, ctx) => {
      ctx.store.setContactCompanies(idParam(p), param(p, 'items'));
      return ok(true);
    },
  });
  add('crm.duplicate.findbycomm', { scope: 'crm', handler: (p, ctx) => ok(findByComm(p, ctx)) });
  add('crm.status.list', {
    scope: 'crm',
    handler: (p, ctx) => {
      const rows = [...ctx.store.statuses].sort((a, b) => a.id - b.id).map(renderStatus);
      const order = param(p, 'order') ?? { SORT: 'ASC' };
      const kinds = new Map([
        ['SORT', 'number' as const],
        ['ID', 'number' as const],
      ]);
      const page = runListQuery(rows, { filter: param(p, 'filter'), order }, kinds, ctx.timeZone, {
        multiFields: false,
        ufPrefix: false,
        unpaged: true,
        defaultKind: 'string',
      });
      return { result: page.rows, total: page.total };
    },
  });
  add('crm.category.list', {
    scope: 'crm',
    handler: (p, ctx) => {
      const et = asPositiveInt(param(p, 'entityTypeId'));
      if (et === undefined) throw new ApiError(400, 'NOT_FOUND', 'Smart process not found');
      const cats = et === 2 ? [...ctx.store.categories].sort((a, b) => a.sort - b.sort) : [];
      const categories = cats.map((c) => ({
        id: c.id,
        name: c.name,
        sort: c.sort,
        entityTypeId: 2,
        isDefault: c.isDefault ? 'Y' : 'N',
        originId: '',
        originatorId: '',
      }));
      return { result: { categories }, total: categories.length };
    },
  });
  registerPipelineMethods(add);
  for (const name of APP_ONLY) {
    add(name, {
      scope: 'basic',
      handler: () => {
        throw new ApiError(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method');
      },
    });
  }
  return table;
}

function profile(ctx: MethodContext): Record<string, unknown> {
  return {
    ID: String(ctx.userId),
    ADMIN: true,
    NAME: 'Emulator',
    LAST_NAME: 'Admin',
    PERSONAL_GENDER: '',
    PERSONAL_PHOTO: '',
    TIME_ZONE: '',
    TIME_ZONE_OFFSET: offsetMinutes(ctx.timeZone) * 60,
  };
}

/** `crm.duplicate.findbycomm` with its odd error shapes (§6.3). */
function findByComm(p: Params, ctx: MethodContext): unknown {
  const type = String(param(p, 'type') ?? '').toUpperCase();
  if (type === '') throw new ApiError(400, 'Communication type is not defined', "Parameter 'type' is required.");
  if (type !== 'PHONE' && type !== 'EMAIL') {
    throw new ApiError(400, '', `Communication type '${type}' is not supported in current context.`);
  }
  const values = (asList(param(p, 'values')) ?? []).filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  if (values.length === 0) throw new ApiError(400, '', 'Communication values is not defined.');
  // ≤ 20 values per call (§6.3); the exact over-limit error is unconfirmed.
  if (values.length > 20) throw new ApiError(400, '', 'Too many communication values. The maximum is 20.');
  const et = String(param(p, 'entity_type') ?? '').toUpperCase();
  const types: ('CONTACT' | 'COMPANY')[] = et === 'CONTACT' ? ['CONTACT'] : et === 'COMPANY' ? ['COMPANY'] : et === 'LEAD' ? [] : ['CONTACT', 'COMPANY'];
  const hits = ctx.store.findByComm(type, values, types);
  // Nothing found → `[]`, not `{}` (§6.3).
  return phpMap(Object.entries(hits));
}
