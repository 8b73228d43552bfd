import { isIP } from 'node:net';
import { QbwcDriverError } from '../qbwc-driver.error.js';
import { parseXmlDocument } from '../soap/parse-xml-document.js';
import type { XmlElement } from '../soap/xml-element.type.js';
import type { QwcFile } from './qwc-file.type.js';

const BRACED_GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const STYLES = ['Document', 'DocWrapped', 'RPC'] as const;

/**
 * Parses and validates a .qwc file the way QBWC does when the user adds the application (qbwc.md §8, §7).
 * Pure. Throws QbwcDriverError: QBWC1039 (not a QWC / required element missing or invalid),
 * QBWC1010 (http:// AppURL not on localhost), QBWC1001/QBWC1002 (IP literal host), QBWC1000 (hosts differ).
 */
export function parseQwc(xmlText: string): QwcFile {
  let root: XmlElement;
  try {
    root = parseXmlDocument(xmlText);
  } catch (err) {
    throw new QbwcDriverError('QBWC1039', `The QWC file is not well-formed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (root.localName !== 'QBWCXML' || root.namespaceUri !== '') {
    throw new QbwcDriverError('QBWC1039', `Root element is <${root.localName}>, expected <QBWCXML>`);
  }
  // Tag order does not matter (PG ch.4 "Is the Order of the Tags Important? No.").
  const find = (parent: XmlElement, name: string): XmlElement | undefined => parent.children.find((c) => c.localName === name);
  const optional = (name: string): string | undefined => find(root, name)?.text.trim();
  const required = (name: string, allowEmpty = false): string => {
    const value = optional(name);
    if (value === undefined) throw new QbwcDriverError('QBWC1039', `Required element <${name}> is missing`);
    if (value === '' && !allowEmpty) throw new QbwcDriverError('QBWC1039', `Required element <${name}> is empty`);
    return value;
  };

  const appName = required('AppName');
  const appId = required('AppID', true); // <AppID></AppID> is normal ([QWC] Intuit sample)
  const appUrl = required('AppURL');
  const appDescription = required('AppDescription', true);
  const appSupport = required('AppSupport');
  const userName = required('UserName');
  const ownerId = required('OwnerID');
  const fileId = required('FileID');
  const qbType = required('QBType');
  for (const [name, value] of [
    ['OwnerID', ownerId],
    ['FileID', fileId],
  ] as const) {
    // Both become qbXML GUIDTYPE values for the FileID data extension, so the braces matter (qbwc.md §8).
    if (!BRACED_GUID.test(value)) throw new QbwcDriverError('QBWC1039', `<${name}> must be a GUID in braces, got ${JSON.stringify(value)}`);
  }
  if (qbType !== 'QBFS' && qbType !== 'QBPOS') throw new QbwcDriverError('QBWC1039', `<QBType> must be QBFS or QBPOS, got ${JSON.stringify(qbType)}`);

  const service = parseUrl(appUrl, 'AppURL');
  const support = parseUrl(appSupport, 'AppSupport');
  if (isIP(stripBrackets(service.hostname)) !== 0) throw new QbwcDriverError('QBWC1001', `AppURL host ${service.hostname}`);
  if (isIP(stripBrackets(support.hostname)) !== 0) throw new QbwcDriverError('QBWC1002', `AppSupport host ${support.hostname}`);
  const localhost = service.hostname.toLowerCase() === 'localhost';
  if (service.protocol !== 'https:' && !(service.protocol === 'http:' && localhost)) {
    throw new QbwcDriverError('QBWC1010', `AppURL is ${appUrl}`);
  }
  if (service.hostname.toLowerCase() !== support.hostname.toLowerCase()) {
    throw new QbwcDriverError('QBWC1000', `AppURL host ${service.hostname}, AppSupport host ${support.hostname}`);
  }

  const style = optional('Style');
  if (style !== undefined && !STYLES.some((s) => s === style)) {
    throw new QbwcDriverError('QBWC1039', `<Style> must be one of ${STYLES.join(', ')}, got ${JSON.stringify(style)}`);
  }
  const scheduler = find(root, 'Scheduler');
  const firstInterval = scheduler?.children.find((c) => c.localName === 'RunEveryNMinutes' || c.localName === 'RunEveryNSeconds');
  let runEverySeconds: number | undefined;
  if (firstInterval !== undefined) {
    const n = Number(firstInterval.text.trim());
    if (!Number.isInteger(n) || n <= 0) throw new QbwcDriverError('QBWC1039', `<${firstInterval.localName}> must be a positive integer`);
    runEverySeconds = firstInterval.localName === 'RunEveryNMinutes' ? n * 60 : n;
  }
  const bool = (name: string): boolean | undefined => {
    const v = optional(name);
    return v === undefined ? undefined : v.toLowerCase() === 'true';
  };
  const qwc: { -readonly [K in keyof QwcFile]: QwcFile[K] } = {
    appName,
    appId,
    appUrl,
    appDescription,
    appSupport,
    userName,
    ownerId,
    fileId,
    qbType,
  };
  const set = <K extends keyof QwcFile>(key: K, value: QwcFile[K] | undefined): void => {
    if (value !== undefined) qwc[key] = value;
  };
  set('appDisplayName', optional('AppDisplayName'));
  set('appUniqueName', optional('AppUniqueName'));
  set('authFlags', optional('AuthFlags'));
  set('certUrl', optional('CertURL'));
  set('isReadOnly', bool('IsReadOnly'));
  set('notify', bool('Notify'));
  set('personalDataPref', optional('PersonalDataPref'));
  set('unattendedModePref', optional('UnattendedModePref'));
  set(
    'style',
    STYLES.find((s) => s === style),
  );
  set('runEverySeconds', runEverySeconds);
  return qwc;
}

function parseUrl(value: string, name: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new QbwcDriverError('QBWC1039', `<${name}> is not a URL: ${JSON.stringify(value)}`);
  }
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
