/**
 * clientVersion's answer to the Web Connector's version (qbwc.md §5.2): QBWC 1.x predates the callbacks we rely on, so
 * "O:" tells the user which version to install; any other version is answered "" (go on).
 */
export function clientVersionAnswer(version: string): string {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isInteger(major) && major < 2) return 'O:2.3.0.215';
  return '';
}
