import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, SystemClock } from '../common/clock.js';
import { WEB_CONNECTOR_CALLS_OF_THIS_PROCESS, WebConnectorCalls } from '../common/web-connector-calls.js';
import { AppConfig } from './app-config.js';
import { MAPPING_RULES } from './mapping-rules.tokens.js';

/**
 * Makes the validated AppConfig, the mapping rules, the clock and the count of Web Connector calls being answered
 * (which the SOAP endpoint keeps and the Bitrix24 worker gives way to) injectable everywhere.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
        // The one place the rules become injectable; loadConfig has validated them (exit 78 otherwise).
        { provide: MAPPING_RULES, useValue: config.mapping.rules },
        { provide: WebConnectorCalls, useValue: WEB_CONNECTOR_CALLS_OF_THIS_PROCESS },
      ],
      exports: [AppConfig, CLOCK, MAPPING_RULES, WebConnectorCalls],
    };
  }
}
