import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, MoreThanOrEqual, type Repository } from 'typeorm';
import { AuthFailureEntity } from './auth-failure.entity.js';

/** Failures kept at most, whatever the window: a flood of addresses cannot grow the table without bound. */
const MAX_ROWS = 10_000;

@Injectable()
export class AuthFailureRepository {
  private readonly repo: Repository<AuthFailureEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.repo = dataSource.getRepository(AuthFailureEntity);
  }

  /** Records a failure and returns how many `client` had since `windowStart`, this one included; older rows are dropped. */
  async record(client: string, at: Date, windowStart: Date): Promise<number> {
    const row = await this.repo.save(this.repo.create({ client: client.slice(0, 100), failedAt: at }));
    await this.repo.delete({ failedAt: LessThan(windowStart) });
    if (row.id > MAX_ROWS) await this.repo.delete({ id: LessThan(row.id - MAX_ROWS + 1) });
    return this.repo.countBy({ client: client.slice(0, 100), failedAt: MoreThanOrEqual(windowStart) });
  }
}
