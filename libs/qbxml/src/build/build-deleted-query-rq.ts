import { QbxmlError } from '../qbxml.error.js';
import type { ListDeletedQueryRq, TxnDeletedQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

function writeDeletedRange(w: ElementWriter, rq: ListDeletedQueryRq | TxnDeletedQueryRq): void {
  const f = w.child('DeletedDateRangeFilter');
  f.dateTime('FromDeletedDate', rq.FromDeletedDate);
  f.dateTime('ToDeletedDate', rq.ToDeletedDate);
  f.dropIfEmpty();
}

/** The ListDeletedQueryRq element (no iterator: the schema forbids it, qbxml.md §5.3). Pure. */
export function listDeletedQueryPart(rq: ListDeletedQueryRq): RequestPart {
  return {
    element: 'ListDeletedQueryRq',
    requestID: rq.requestID,
    write: (w, path) => {
      if (rq.ListDelType.length === 0) throw new QbxmlError('INVALID_INPUT', `${path}: at least one ListDelType`, path);
      for (const t of rq.ListDelType) w.enumValue('ListDelType', t);
      writeDeletedRange(w, rq);
    },
  };
}

/** The TxnDeletedQueryRq element. Pure. */
export function txnDeletedQueryPart(rq: TxnDeletedQueryRq): RequestPart {
  return {
    element: 'TxnDeletedQueryRq',
    requestID: rq.requestID,
    write: (w, path) => {
      if (rq.TxnDelType.length === 0) throw new QbxmlError('INVALID_INPUT', `${path}: at least one TxnDelType`, path);
      for (const t of rq.TxnDelType) w.enumValue('TxnDelType', t);
      writeDeletedRange(w, rq);
    },
  };
}

/** Builds a one-request message asking which list objects were deleted. Pure; throws QbxmlError. */
export function buildListDeletedQueryRq(rq: ListDeletedQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([listDeletedQueryPart(rq)], options);
}

/** Builds a one-request message asking which transactions were deleted. Pure; throws QbxmlError. */
export function buildTxnDeletedQueryRq(rq: TxnDeletedQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([txnDeletedQueryPart(rq)], options);
}
