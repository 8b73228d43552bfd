import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, SystemClock } from '../common/clock.js';
import { AppConfig } from './app-config.js';

/** Makes the validated AppConfig and the clock injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
      ],
      exports: [AppConfig, CLOCK],
    };
  }
}
