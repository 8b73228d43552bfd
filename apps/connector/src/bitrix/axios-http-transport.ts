import type { HttpService } from '@nestjs/axios';
import { HttpTransportError, type HttpRequest, type HttpResponse, type HttpTransport } from '@qb-b24/bitrix24-client';
import { isAxiosError } from 'axios';
import { firstValueFrom } from 'rxjs';

/**
 * The Bitrix24 client's only I/O, over @nestjs/axios. Every HTTP status comes back as a response (the
 * client classifies them); only network failures and timeouts throw, and never with the URL (it holds
 * the webhook secret).
 */
export class AxiosHttpTransport implements HttpTransport {
  constructor(private readonly http: HttpService) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    try {
      const res = await firstValueFrom(
        this.http.request<string>({
          method: req.method,
          url: req.url,
          headers: { ...req.headers },
          data: req.body,
          timeout: req.timeoutMs,
          responseType: 'text',
          transformResponse: (d: unknown) => d,
          validateStatus: () => true,
          maxRedirects: 0,
        }),
      );
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      return { status: res.status, headers, body: typeof res.data === 'string' ? res.data : String(res.data ?? '') };
    } catch (err) {
      if (isAxiosError(err) && (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')) {
        throw new HttpTransportError('timeout', 'Bitrix24 did not answer in time');
      }
      const code = isAxiosError(err) ? (err.code ?? 'network error') : 'network error';
      throw new HttpTransportError('network', `Bitrix24 unreachable (${code})`);
    }
  }
}
