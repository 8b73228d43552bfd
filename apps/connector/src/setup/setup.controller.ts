import { Body, Controller, Get, Header, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { renderSetup, SETUP_CSP } from './render-setup.js';
import { SetupAccessGuard } from './setup-access.guard.js';
import { SetupErrorFilter } from './setup-error.filter.js';
import { parseApplicationTokenInput, parseWebhookUrlInput } from './setup-input.js';
import { SETUP_JS } from './setup-js.js';
import type { SetupState } from './setup-state.type.js';
import { SetupService } from './setup.service.js';
import { AppConfig } from '../config/app-config.js';

/**
 * The setup page. The page itself holds no secret and loads for anyone (it asks for the admin token when the data
 * is refused); everything it shows or changes is behind SetupAccessGuard: this machine, or the admin token.
 */
@ApiExcludeController()
@Controller('setup')
@UseFilters(SetupErrorFilter)
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', SETUP_CSP)
  @Header('cache-control', 'no-store')
  page(): string {
    return renderSetup(this.config.http.basePath);
  }

  @Get('setup.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  script(): string {
    return SETUP_JS;
  }

  @Get('state')
  @UseGuards(SetupAccessGuard)
  @Header('cache-control', 'no-store')
  state(): Promise<SetupState> {
    return this.setup.state();
  }

  @Get('connector.qwc')
  @UseGuards(SetupAccessGuard)
  @Header('content-type', 'application/xml; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="connector.qwc"')
  @Header('cache-control', 'no-store')
  qwc(): string {
    return this.setup.qwc();
  }

  @Post('bitrix24/test')
  @HttpCode(200)
  @UseGuards(SetupAccessGuard)
  test(@Body() body: unknown): Promise<{ scopes: readonly string[]; message: string }> {
    return this.setup.testWebhookUrl(parseWebhookUrlInput(body));
  }

  @Post('bitrix24/webhook-url')
  @HttpCode(200)
  @UseGuards(SetupAccessGuard)
  saveWebhookUrl(@Body() body: unknown): Promise<{ message: string }> {
    return this.setup.saveWebhookUrl(parseWebhookUrlInput(body));
  }

  @Post('bitrix24/application-token')
  @HttpCode(200)
  @UseGuards(SetupAccessGuard)
  saveApplicationToken(@Body() body: unknown): { message: string } {
    return this.setup.saveApplicationToken(parseApplicationTokenInput(body));
  }
}
