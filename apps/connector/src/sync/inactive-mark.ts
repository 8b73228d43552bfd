/** The first words of the line that marks a Bitrix24 contact or company whose QuickBooks customer is gone or inactive. */
export const INACTIVE_MARK = '[QuickBooks] Inactive';

/**
 * COMMENTS with the inactive line appended, or undefined when the record already carries it (a retry, or a customer
 * made inactive and then deleted, changes nothing). Contacts and companies have no built-in active flag
 * (bitrix24.md §5.2/§5.3), so the line is the mark every portal can show; the mapping file's
 * deletes.inactiveField adds a field a filter can use. Pure.
 */
export function commentsWithInactiveMark(current: unknown, reason: 'deleted' | 'inactive', day: string): string | undefined {
  const text = typeof current === 'string' ? current : '';
  if (text.includes(INACTIVE_MARK)) return undefined;
  const line = `${INACTIVE_MARK}: ${reason === 'deleted' ? 'deleted' : 'made inactive'} in QuickBooks on ${day}.`;
  return text.trim() === '' ? line : `${text}\n${line}`;
}

/**
 * What a contact or company created for a customer that is inactive already carries from its create: the line
 * appended to the COMMENTS we send (the new record holds nothing else) and the mapping's inactive field. Writing
 * them with the add spares the read and the update a mark of an existing record needs. Pure.
 */
export function inactiveMarkOnCreate(comments: unknown, day: string, inactiveField: string | null): Record<string, string> {
  const marked = commentsWithInactiveMark(comments, 'inactive', day);
  return { ...(marked !== undefined ? { COMMENTS: marked } : {}), ...(inactiveField !== null ? { [inactiveField]: 'Y' } : {}) };
}
