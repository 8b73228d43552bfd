import { XMLParser } from 'fast-xml-parser';

export interface QwcFacts {
  readonly ownerId: string | undefined;
  readonly fileId: string | undefined;
  /** RunEveryNMinutes of its <Scheduler>; undefined when the file has no minute schedule. */
  readonly runEveryMinutes: number | undefined;
}

/**
 * Reads the identity and schedule of a .qwc this service wrote earlier (qbwc.md §8), so a file from an older
 * version (no <Scheduler>) can be recognised and rewritten with the same OwnerID/FileID. Pure; undefined for
 * anything that is not a QBWCXML document, and for any DOCTYPE.
 */
export function readQwcFacts(xml: string): QwcFacts | undefined {
  if (xml.includes('<!DOCTYPE')) return undefined;
  let doc: unknown;
  try {
    doc = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: false }).parse(xml);
  } catch (err) {
    if (err instanceof Error) return undefined;
    throw err;
  }
  const root = field(doc, 'QBWCXML');
  if (!isRecord(root)) return undefined;
  const minutes = text(field(field(root, 'Scheduler'), 'RunEveryNMinutes'));
  return {
    ownerId: text(field(root, 'OwnerID')),
    fileId: text(field(root, 'FileID')),
    runEveryMinutes: minutes !== undefined && /^\d+$/.test(minutes) ? Number(minutes) : undefined,
  };
}

function field(node: unknown, name: string): unknown {
  return isRecord(node) ? node[name] : undefined;
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

function text(node: unknown): string | undefined {
  return typeof node === 'string' ? node.trim() : undefined;
}
