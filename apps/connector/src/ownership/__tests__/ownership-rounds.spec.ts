import { afterEach, describe, expect, it } from 'vitest';
import { OwnershipRounds, type RoundFacts, type RoundMember, type RoundsDatabase } from '../ownership-rounds.js';

/** Counts what the rounds ask PostgreSQL (PgOwnershipConnection in production). */
class CountingDatabase implements RoundsDatabase {
  pings = 0;
  counts = 0;
  constructor(
    private live: number,
    private healthy = true,
  ) {}
  async ping(): Promise<boolean> {
    this.pings += 1;
    return this.healthy;
  }
  async liveProcesses(): Promise<number> {
    this.counts += 1;
    return this.live;
  }
  set(live: number, healthy: boolean): void {
    this.live = live;
    this.healthy = healthy;
  }
}

/** A company that records the facts each round gave it. */
class Company implements RoundMember {
  readonly seen: RoundFacts[] = [];
  constructor(
    private owned = false,
    private readonly fails = false,
  ) {}
  owns(): boolean {
    return this.owned;
  }
  async attempt(facts: RoundFacts): Promise<void> {
    this.seen.push(facts);
    if (this.fails) throw new Error('lock query failed');
    this.owned = true;
  }
}

const started: { rounds: OwnershipRounds; members: Company[] }[] = [];
afterEach(() => {
  for (const s of started.splice(0)) for (const m of s.members) s.rounds.leave(m);
});

async function host(db: RoundsDatabase, companies: Company[], errors: unknown[] = []): Promise<OwnershipRounds> {
  const rounds = new OwnershipRounds(db, { companies: companies.length, everyMs: 3_600_000, onError: (e) => errors.push(e) });
  started.push({ rounds, members: companies });
  for (const c of companies) await rounds.join(c);
  return rounds;
}

describe('ownership retry rounds of a process hosting many companies', () => {
  it('a round over 200 companies asks PostgreSQL once who is alive and pings once, not once per company', async () => {
    const db = new CountingDatabase(2);
    const companies = Array.from({ length: 200 }, () => new Company());
    const rounds = await host(db, companies);
    db.pings = 0;
    db.counts = 0;

    await rounds.round();

    expect(db.counts).toBe(1);
    expect(db.pings).toBe(1);
    // …and every company still took its step, with the share of 2 live processes.
    for (const c of companies) expect(c.seen.at(-1)).toEqual({ share: 100, healthy: true });
  });

  it('a company that joins gets its first try at once, with the share of the processes alive then', async () => {
    const db = new CountingDatabase(3);
    const company = new Company();
    await host(db, [company]);
    expect(company.seen).toEqual([{ share: 1, healthy: true }]);
    expect(company.owns()).toBe(true);
  });

  it('an ownership connection that stops answering is reported to every company of the round', async () => {
    const db = new CountingDatabase(1);
    const companies = [new Company(true), new Company(true), new Company()];
    const rounds = await host(db, companies);
    db.set(1, false);
    await rounds.round();
    for (const c of companies) expect(c.seen.at(-1)?.healthy).toBe(false);
  });

  it('one company whose step fails does not keep the others from theirs, and the failure is reported', async () => {
    const db = new CountingDatabase(1);
    const errors: unknown[] = [];
    const companies = [new Company(false, true), new Company(), new Company()];
    const rounds = await host(db, companies, errors);
    errors.length = 0;
    await rounds.round();
    expect(companies.map((c) => c.seen.length)).toEqual([2, 2, 2]);
    expect(errors).toHaveLength(1);
  });

  it('a company that left takes no part in later rounds', async () => {
    const db = new CountingDatabase(1);
    const [gone, stays] = [new Company(), new Company()];
    const rounds = await host(db, [gone, stays]);
    rounds.leave(gone);
    await rounds.round();
    expect(gone.seen).toHaveLength(1);
    expect(stays.seen).toHaveLength(2);
  });
});
