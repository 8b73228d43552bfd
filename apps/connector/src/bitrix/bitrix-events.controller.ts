import { BadRequestException, Body, Controller, Headers, HttpCode, Logger, Post, UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { secretsEqual } from '../common/secrets-equal.js';
import { Bitrix24Connection } from './bitrix24-connection.js';
import { B24EventInboxRepository } from './b24-event-inbox.repository.js';
import { parseB24EventName } from './b24-event-name.js';
import { decodePhpForm, phpFormString } from './decode-php-form.js';

export type WebhookAnswer = { readonly status: 'queued' | 'duplicate' | 'ignored' };

const FORM_TYPE = 'application/x-www-form-urlencoded';
const B24_ID_RE = /^[1-9][0-9]{0,18}$/;

/**
 * Bitrix24 outbound events (reference/bitrix24.md §7). The event is stored before we answer and
 * processed later by the sync engine; nothing here calls Bitrix24. Bitrix24 does not retry a failed
 * delivery (§7.4), so a 5xx here loses the event until the next reconciliation poll.
 */
@Controller('bitrix24')
export class BitrixEventsController {
  private readonly logger = new Logger(BitrixEventsController.name);

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly inbox: B24EventInboxRepository,
  ) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async receive(@Headers('content-type') contentType: string | undefined, @Body() body: unknown): Promise<WebhookAnswer> {
    // app.setup.ts hands form bodies over as raw strings; JSON or anything else is not what Bitrix24 sends.
    if (contentType?.split(';')[0]?.trim().toLowerCase() !== FORM_TYPE || typeof body !== 'string') {
      throw new UnsupportedMediaTypeException(`Send ${FORM_TYPE}, as Bitrix24 outbound events are.`);
    }
    const form = decodePhpForm(body);
    if (!form.ok) throw new BadRequestException(`Malformed form body: ${form.error}`);

    const expected = this.connection.applicationToken;
    const given = phpFormString(form.value, ['auth', 'application_token']);
    const domain = phpFormString(form.value, ['auth', 'domain']) ?? null;
    if (!expected || given === undefined || !secretsEqual(given, expected)) {
      const reason = !expected
        ? 'no application token configured (BITRIX24_APPLICATION_TOKEN or the setup page)'
        : given === undefined
          ? 'no application token'
          : 'application token mismatch';
      this.logger.warn({
        event: 'b24.webhook_rejected',
        reason,
        domain,
        action: 'event discarded; enter the token shown in the Bitrix24 outgoing-webhook settings on the setup page (/setup) or in BITRIX24_APPLICATION_TOKEN',
      });
      throw new UnauthorizedException('Unknown or missing auth[application_token].');
    }

    const eventName = phpFormString(form.value, ['event'])?.trim();
    if (!eventName) throw new BadRequestException('Missing "event".');
    const b24Id = phpFormString(form.value, ['data', 'FIELDS', 'ID'])?.trim();
    if (!b24Id || !B24_ID_RE.test(b24Id)) throw new BadRequestException('Missing or non-numeric data[FIELDS][ID].');
    const ts = phpFormString(form.value, ['ts'])?.trim() || null;
    if (ts !== null && !/^[0-9]{1,20}$/.test(ts)) throw new BadRequestException('Non-numeric "ts".');

    const known = parseB24EventName(eventName);
    if (!known) {
      this.logger.debug({ event: 'b24.webhook_ignored', b24Event: eventName.slice(0, 60), b24Id });
      return { status: 'ignored' };
    }
    const status = await this.inbox.store({ event: known.event, b24Entity: known.b24Entity, b24Id, action: known.action, ts });
    this.logger.log({ event: 'b24.webhook_received', b24Event: known.event, b24Entity: known.b24Entity, b24Id, result: status });
    return { status };
  }
}
