import { Controller, Get, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { buildSoapResponse, buildWsdl, SoapRequestError } from '@qb-b24/qbwc-soap';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { QbwcService } from './qbwc.service.js';
import { SoapParsePool } from './soap-parse-pool.js';
import { SoapFaultFilter } from './soap-fault.filter.js';

const XML = 'text/xml; charset=utf-8';
const XML_CONTENT_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/** The Web Connector's SOAP endpoint at both documented paths; parsing and answers live in libs/qbwc-soap. */
@Controller(['soap', 'qbwc'])
@UseFilters(SoapFaultFilter)
export class QbwcController {
  constructor(
    private readonly qbwc: QbwcService,
    private readonly config: AppConfig,
    private readonly parser: SoapParsePool,
  ) {}

  @Post()
  @HttpCode(200)
  async call(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (typeof req.body !== 'string' || !XML_CONTENT_TYPES.includes(type)) {
      throw new SoapRequestError('NOT_XML', 'Expected a SOAP 1.1 request with Content-Type text/xml');
    }
    const call = await this.parser.parse(req.body);
    const result = await this.qbwc.handle(call, req.ip);
    await reply.status(200).header('content-type', XML).send(buildSoapResponse(call.operation, result));
  }

  /**
   * `?wsdl` serves the WSDL; a plain GET answers 200 (QBWC probes AppURL). The soap:address is PUBLIC_URL (with
   * the company's base path) plus the path asked for, never the Host header: a forged Host must not be able
   * to point a client that reads this WSDL at another server.
   */
  @Get()
  async describe(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Only path and query are read, so the base is a placeholder.
    const url = new URL(req.url, 'http://localhost');
    if (url.searchParams.has('wsdl') || url.search.toLowerCase() === '?wsdl') {
      await reply
        .status(200)
        .header('content-type', XML)
        .send(buildWsdl(`${this.config.http.publicUrl}${url.pathname}`));
      return;
    }
    await reply
      .status(200)
      .header('content-type', 'text/plain; charset=utf-8')
      .send('qb-bitrix24-connector: QuickBooks Web Connector endpoint. POST SOAP 1.1 here; GET ?wsdl for the WSDL.\n');
  }
}
