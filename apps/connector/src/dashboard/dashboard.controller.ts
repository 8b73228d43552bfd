import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DASHBOARD_CSS } from './dashboard-css.js';
import { DASHBOARD_JS } from './dashboard-js.js';
import { DashboardService } from './dashboard.service.js';
import { renderDashboard } from './render-dashboard.js';

// The page needs no token: it shows states and counts only. Its CSP forbids inline script and any
// third-party origin, so an injected string could not run even if escaping were ever missed.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The operator dashboard at `/` and its two static assets. */
@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  @Header('cache-control', 'no-store')
  async page(): Promise<string> {
    return renderDashboard(await this.dashboard.model());
  }

  @Get('dashboard/dashboard.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  script(): string {
    return DASHBOARD_JS;
  }

  @Get('dashboard/dashboard.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  stylesheet(): string {
    return DASHBOARD_CSS;
  }
}
