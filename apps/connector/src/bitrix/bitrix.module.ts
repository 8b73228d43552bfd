import { Module } from '@nestjs/common';

/** Bitrix24 REST client wiring and the outbound-event webhook. */
@Module({})
export class BitrixModule {}
