import { applyDecorators, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminErrorFilter } from './admin-error.filter.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { ADMIN_VALIDATION_PIPE } from './admin-validation.pipe.js';

/** What every admin controller needs: the Bearer token check (before validation), strict DTOs, typed errors. */
export function AdminEndpoint(): ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('admin'),
    ApiUnauthorizedResponse({ description: 'missing or wrong Bearer ADMIN_TOKEN' }),
    ApiBadRequestResponse({ description: 'invalid parameters' }),
    UseGuards(AdminTokenGuard),
    UsePipes(ADMIN_VALIDATION_PIPE),
    UseFilters(AdminErrorFilter),
  );
}
