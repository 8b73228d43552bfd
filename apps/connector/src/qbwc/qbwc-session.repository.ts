import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, type Repository } from 'typeorm';
import { QbwcSessionEntity, type QbwcSessionState } from './qbwc-session.entity.js';
import type { QbwcSessionCount } from './qbwc-session.type.js';

@Injectable()
export class QbwcSessionRepository {
  private readonly repo: Repository<QbwcSessionEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.repo = dataSource.getRepository(QbwcSessionEntity);
  }

  async insert(session: QbwcSessionEntity): Promise<void> {
    await this.repo.insert(session);
  }

  findByTicketHash(ticketHash: string): Promise<QbwcSessionEntity | null> {
    return this.repo.findOneBy({ ticketHash });
  }

  findOpen(): Promise<QbwcSessionEntity[]> {
    return this.repo.findBy({ state: 'open' });
  }

  findIdleOpen(idleBefore: Date): Promise<QbwcSessionEntity[]> {
    return this.repo.findBy({ state: 'open', lastSeenAt: LessThan(idleBefore) });
  }

  async update(ticketHash: string, changes: Partial<QbwcSessionEntity>): Promise<void> {
    await this.repo.update({ ticketHash }, changes);
  }

  countOpen(): Promise<number> {
    return this.repo.countBy({ state: 'open' });
  }

  latest(): Promise<QbwcSessionEntity | null> {
    return this.repo.find({ order: { lastSeenAt: 'DESC' }, take: 1 }).then((rows) => rows[0] ?? null);
  }

  async countsByState(): Promise<QbwcSessionCount[]> {
    const rows = await this.repo
      .createQueryBuilder('s')
      .select('s.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .groupBy('s.state')
      .getRawMany<{ state: QbwcSessionState; n: string | number }>();
    return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
  }
}
