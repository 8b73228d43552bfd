import { ValidationPipe } from '@nestjs/common';

/** Admin input is validated against its DTO and nothing else gets through: unknown fields are a 400. */
export const ADMIN_VALIDATION_PIPE = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  // Class-validator messages name the field and the rule, never echo a secret; keep the default shape.
  validationError: { target: false, value: false },
});
