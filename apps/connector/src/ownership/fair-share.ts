/**
 * The most companies one of `liveProcesses` processes should own so all `companies` are owned: rounded up, so
 * the shares always add up to at least every company and none is left without a taker. Pure.
 */
export function fairShare(companies: number, liveProcesses: number): number {
  return Math.ceil(Math.max(1, companies) / Math.max(1, liveProcesses));
}
