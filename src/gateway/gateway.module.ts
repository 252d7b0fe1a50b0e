import { Module } from '@nestjs/common';
import { AppConfig } from '../config/env.validation.js';
import { RhaiModule } from '../rhai/rhai.module.js';
import { CircleWsGateway } from './circle-ws.gateway.js';
import { HealthController } from './health.controller.js';
import { PlayLimits } from './dto/play-params.dto.js';

@Module({
  imports: [RhaiModule],
  controllers: [HealthController],
  providers: [CircleWsGateway],
})
export class GatewayModule {
  constructor(config: AppConfig) {
    PlayLimits.maxScriptBytes = config.maxScriptBytes;
    PlayLimits.maxTimeoutMs = config.taskTimeoutMs;
  }
}
