import { fairShare } from './fair-share.js';

/** What one retry round learned once for every company of the process (not once per company). */
export interface RoundFacts {
  /** The most companies this process should own now (fairShare over the live processes). */
  readonly share: number;
  /** Whether the ownership connection answered its health check this round (true when nothing was owned to check). */
  readonly healthy: boolean;
}

/** One company's ownership, as a round sees it (OwnershipService). */
export interface RoundMember {
  owns(): boolean;
  /** Checks an owned lock, hands back a surplus one, or tries to take a free one within the share. */
  attempt(facts: RoundFacts): Promise<void>;
}

/** The two questions a round asks the database, once each (PgOwnershipConnection answers them). */
export interface RoundsDatabase {
  ping(): Promise<boolean>;
  /** Live process boots on this database (each holds its boot lock). */
  liveProcesses(): Promise<number>;
}

export interface RoundsOptions {
  /** Companies the whole service hosts (the fair share divides them). */
  readonly companies: number;
  /** OWNERSHIP_RETRY_SECONDS, in ms. */
  readonly everyMs: number;
  /** Called with a round's failure (PostgreSQL unreachable); the next round tries again. */
  readonly onError: (err: unknown) => void;
}

/**
 * Every round of the process runs one after another, across databases too: at start all companies try at once,
 * and without this the first process up would take them all before counting what it already owns.
 */
let chain: Promise<void> = Promise.resolve();
const serialized = (fn: () => Promise<void>): Promise<void> => {
  chain = chain.then(fn, fn);
  return chain;
};

const byDatabase = new WeakMap<RoundsDatabase, OwnershipRounds>();

/**
 * The retry rounds of all the companies a process hosts on one database. One timer and, per round, one health
 * check and one count of the live processes, then each company's own step: a process hosting 200 companies
 * used to run 200 timers, each with its own count of pg_locks and its own ping, every OWNERSHIP_RETRY_SECONDS
 * (and every company started during a long boot added its timer to the load on the database the boot waited on).
 */
export class OwnershipRounds {
  private readonly members = new Set<RoundMember>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: RoundsDatabase,
    private readonly options: RoundsOptions,
  ) {}

  /** The rounds of one database in this process (companies sharing a database share them). */
  static for(db: RoundsDatabase, options: RoundsOptions): OwnershipRounds {
    let rounds = byDatabase.get(db);
    if (!rounds) {
      rounds = new OwnershipRounds(db, options);
      byDatabase.set(db, rounds);
    }
    return rounds;
  }

  /**
   * Adds a company and runs its first attempt at once (awaited by the caller, so a process alone on its database
   * owns a company before the company serves a request); from then on it takes part in every round.
   */
  async join(member: RoundMember): Promise<void> {
    this.members.add(member);
    if (!this.timer) {
      this.timer = setInterval(() => void this.round(), this.options.everyMs);
      this.timer.unref();
    }
    await serialized(async () => {
      if (!this.members.has(member)) return;
      try {
        await member.attempt({ share: await this.share(), healthy: true });
      } catch (err) {
        this.options.onError(err);
      }
    });
  }

  leave(member: RoundMember): void {
    this.members.delete(member);
    if (this.members.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** One round over every company: the database is asked once, whatever the number of companies. */
  round(): Promise<void> {
    return serialized(async () => {
      const members = [...this.members];
      if (members.length === 0) return;
      let facts: RoundFacts;
      try {
        const healthy = members.some((m) => m.owns()) ? await this.db.ping() : true;
        facts = { share: await this.share(), healthy };
      } catch (err) {
        this.options.onError(err);
        return;
      }
      for (const m of members) {
        if (!this.members.has(m)) continue;
        try {
          await m.attempt(facts);
        } catch (err) {
          this.options.onError(err);
        }
      }
    });
  }

  private async share(): Promise<number> {
    return fairShare(this.options.companies, await this.db.liveProcesses());
  }
}
