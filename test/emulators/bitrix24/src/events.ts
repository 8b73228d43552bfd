/**
 * Outbound event POSTs as an outgoing webhook sends them (bitrix24.md §7.3-§7.4, §10 items 32-34):
 * form-urlencoded with PHP bracket keys, only IDs in `data[FIELDS]`, asynchronous, at-most-once.
 */
export interface EventTarget {
  handlerUrl: string;
  applicationToken: string;
}
export interface EventKnobs {
  /** Drop the next N events (never sent, recorded as dropped). */
  drop?: number;
  /** Send every event twice. */
  duplicate?: boolean;
  /** Wait this long (real ms) before sending each event. */
  delayMs?: number;
  /** Hold events and send each group queued within one tick in reverse order. */
  reorder?: boolean;
}

/** What happened to one outbound event. */
export interface OutboundEventRecord {
  event: string;
  fields: Readonly<Record<string, string>>;
  outcome: 'delivered' | 'failed' | 'dropped';
  httpStatus?: number;
}

export interface EventContext {
  domain: string;
  clientEndpoint: string;
  memberId: string;
  nowSeconds: () => number;
}

/** Encodes the payload like the real queue server does: `%5B`/`%5D`, documented key order (§7.3). */
export function encodeEventBody(event: string, fields: Readonly<Record<string, string>>, ctx: EventContext, token: string): string {
  const pairs: Array<[string, string]> = [
    ['event', event],
    ['event_handler_id', '1'],
  ];
  for (const [k, v] of Object.entries(fields)) pairs.push([`data[FIELDS][${k}]`, v]);
  pairs.push(
    ['ts', String(ctx.nowSeconds())],
    ['auth[domain]', ctx.domain],
    ['auth[client_endpoint]', ctx.clientEndpoint],
    ['auth[server_endpoint]', 'https://oauth.bitrix.info/rest/'],
    ['auth[member_id]', ctx.memberId],
    ['auth[application_token]', token],
  );
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export class EventDispatcher {
  private target: EventTarget | undefined;
  private knobs: EventKnobs = {};
  private dropLeft = 0;
  private readonly pending = new Set<Promise<void>>();
  private held: Array<{ event: string; fields: Record<string, string> }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly log: OutboundEventRecord[] = [];
  private closed = false;

  constructor(
    private readonly ctx: EventContext,
    target?: EventTarget,
  ) {
    this.target = target;
  }

  /** The portal's address is known only after listen(). */
  setEndpoint(domain: string, clientEndpoint: string): void {
    this.ctx.domain = domain;
    this.ctx.clientEndpoint = clientEndpoint;
  }

  configure(target: EventTarget | undefined, knobs: EventKnobs = {}): void {
    this.target = target;
    this.knobs = knobs;
    this.dropLeft = knobs.drop ?? 0;
  }

  /** Queues an event; never blocks the REST call that caused it. */
  emit(event: string, fields: Record<string, string>): void {
    if (!this.target || this.closed) return;
    if (this.dropLeft > 0) {
      this.dropLeft -= 1;
      this.log.push({ event, fields, outcome: 'dropped' });
      return;
    }
    if (this.knobs.reorder) {
      this.held.push({ event, fields });
      if (this.held.length === 1) this.track(this.wait(0).then(() => this.flushReversed()));
      return;
    }
    this.schedule(event, fields);
  }

  private flushReversed(): void {
    const batch = this.held.reverse();
    this.held = [];
    for (const e of batch) this.schedule(e.event, e.fields);
  }

  private schedule(event: string, fields: Record<string, string>): void {
    const times = this.knobs.duplicate ? 2 : 1;
    for (let i = 0; i < times; i++) this.track(this.wait(this.knobs.delayMs ?? 0).then(() => this.send(event, fields)));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private track(p: Promise<void>): void {
    const tracked = p.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async send(event: string, fields: Record<string, string>): Promise<void> {
    const target = this.target;
    if (!target || this.closed) {
      this.log.push({ event, fields, outcome: 'dropped' });
      return;
    }
    const body = encodeEventBody(event, fields, this.ctx, target.applicationToken);
    try {
      const res = await fetch(target.handlerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      this.log.push({ event, fields, outcome: res.ok ? 'delivered' : 'failed', httpStatus: res.status });
    } catch {
      // At-most-once (§7.4): a failed delivery is logged and never retried.
      this.log.push({ event, fields, outcome: 'failed' });
    }
  }

  /** Resolves once every queued event has been sent or dropped. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }
}
