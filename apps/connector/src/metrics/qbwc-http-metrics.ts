import { Counter, Histogram, type Registry } from 'prom-client';

/** Request counter and latency histogram for the Web Connector endpoints. */
export class QbwcHttpMetrics {
  private readonly requests: Counter<'operation' | 'status_code'>;
  private readonly duration: Histogram<'operation'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'qbb24_qbwc_requests_total',
      help: 'HTTP requests on /soap and /qbwc by QBWC operation (from SOAPAction) and HTTP status',
      labelNames: ['operation', 'status_code'],
      registers: [registry],
    });
    // Buckets reach 30 s: a receiveResponseXML carrying a large page waits for Bitrix24 writes.
    this.duration = new Histogram({
      name: 'qbb24_qbwc_request_duration_seconds',
      help: 'Time to answer a Web Connector call, by operation',
      labelNames: ['operation'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  observe(operation: string, statusCode: number, seconds: number): void {
    this.requests.inc({ operation, status_code: String(statusCode) });
    this.duration.observe({ operation }, seconds);
  }
}
