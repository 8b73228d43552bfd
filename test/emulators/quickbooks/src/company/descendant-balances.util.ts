/**
 * For each FullName, the summed balance of every customer whose FullName starts with it followed by ':' (its jobs and
 * their sub-jobs), i.e. what TotalBalance adds to a customer's own balance. One pass over the customers instead of one
 * per customer Ret: the per-Ret scan made a 100k-record customer query O(n²). Pure.
 */
export function descendantBalances(customers: Iterable<{ readonly fullName: string; readonly cents: number }>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { fullName, cents } of customers) {
    // Each ':' ends a prefix P with fullName.startsWith(`${P}:`), exactly the test the per-Ret scan made.
    for (let i = fullName.indexOf(':'); i !== -1; i = fullName.indexOf(':', i + 1)) {
      const prefix = fullName.slice(0, i);
      totals.set(prefix, (totals.get(prefix) ?? 0) + cents);
    }
  }
  return totals;
}
