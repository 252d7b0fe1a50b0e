import { Module, type INestApplication } from '@nestjs/common';
import { AppConfigModule } from './config/config.module.js';
import { GatewayModule } from './gateway/gateway.module.js';
import { JsonRpcExceptionFilter } from './common/jsonrpc-exception.filter.js';
import { createValidationPipe } from './common/validation.pipe.js';

@Module({
  imports: [AppConfigModule, GatewayModule],
})
export class AppModule {}

/**
 * Global pipe (gateways honour app-level global pipes) and filter (for HTTP;
 * gateways ignore global filters, so CircleWsGateway binds the same filter
 * with @UseFilters).
 */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new JsonRpcExceptionFilter());
}
