import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { StatusService } from './status.service.js';

@Controller()
export class HealthController {
  constructor(private readonly status: StatusService) {}

  /** 200 while the service can do its job (degraded included), 503 when it cannot. */
  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.status.health();
    await reply.status(report.status === 'error' ? 503 : 200).send(report);
  }

  @Get('status')
  statusReport(): Promise<Record<string, unknown>> {
    return this.status.status();
  }
}
