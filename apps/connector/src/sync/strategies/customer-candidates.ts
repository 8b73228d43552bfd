import type { CustomerRet } from '@qb-b24/qbxml';
import {
  companyProjection,
  contactProjection,
  customerProjection,
  customerRetToDesired,
  DEFAULT_MAPPING_OPTIONS,
  fingerprint,
  planCustomer,
  type B24ContactDesired,
} from '@qb-b24/sync-core';
import type { UpsertCandidate } from '../b24-upsert.service.js';
import { toParams } from '../to-params.js';

/** A person's contact: its own customer's, or the contact person of a company (linked once the company has an id). */
export interface PersonPlan {
  readonly ret: CustomerRet;
  readonly contact: B24ContactDesired;
  readonly ofCompany: boolean;
}

/** A job shares its top-level customer's Bitrix24 record. */
export interface JobPlan {
  readonly ret: CustomerRet;
  readonly parentListId: string;
}

/** What a page of QuickBooks customers becomes, before any Bitrix24 id is known. */
export interface CustomerPagePlan {
  readonly companies: readonly UpsertCandidate[];
  readonly people: readonly PersonPlan[];
  readonly jobs: readonly JobPlan[];
}

const O = DEFAULT_MAPPING_OPTIONS;

function qbSide(ret: CustomerRet): Pick<UpsertCandidate, 'qbId' | 'qbEditSequence' | 'qbHash' | 'baseJson'> {
  return {
    qbId: ret.ListID,
    qbEditSequence: ret.EditSequence,
    qbHash: fingerprint(customerProjection(ret)),
    baseJson: JSON.stringify(customerRetToDesired(ret)),
  };
}

/** Splits a page of customers into companies to write, people (contacts) and jobs. Pure. */
export function customerPagePlan(rets: readonly CustomerRet[]): CustomerPagePlan {
  const companies: UpsertCandidate[] = [];
  const people: PersonPlan[] = [];
  const jobs: JobPlan[] = [];
  for (const ret of rets) {
    const plan = planCustomer(ret, O);
    if (plan.kind === 'job') jobs.push({ ret, parentListId: plan.parentListId });
    else if (plan.kind === 'company') {
      companies.push({
        ...qbSide(ret),
        fields: toParams(plan.company),
        hash: fingerprint(companyProjection(plan.company)),
        match: { emails: plan.company.EMAIL.map((e) => e.VALUE), phones: plan.company.PHONE.map((p) => p.VALUE), name: plan.company.TITLE },
      });
      if (plan.contact) people.push({ ret, contact: plan.contact, ofCompany: true });
    } else people.push({ ret, contact: plan.contact, ofCompany: false });
  }
  return { companies, people, jobs };
}

/** The contacts to write, a company's contact person linked to the company's Bitrix24 id (by ListID). Pure. */
export function contactCandidates(people: readonly PersonPlan[], companyIds: ReadonlyMap<string, string>): UpsertCandidate[] {
  return people.map(({ ret, contact, ofCompany }) => {
    const companyId = ofCompany ? companyIds.get(ret.ListID) : undefined;
    const fields: B24ContactDesired = companyId ? { ...contact, COMPANY_ID: companyId } : contact;
    return {
      ...qbSide(ret),
      fields: toParams(fields),
      hash: fingerprint(contactProjection(fields)),
      match: { emails: fields.EMAIL.map((e) => e.VALUE), phones: fields.PHONE.map((p) => p.VALUE), name: `${fields.NAME} ${fields.LAST_NAME}`.trim() },
    };
  });
}
