import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { TaskQueue } from '../rhai/task-queue.port.js';
import { AppConfig } from '../config/env.validation.js';

/** GET /health: 200 when the task queue accepts tasks, 503 otherwise (for load balancers and probes). */
@Controller()
export class HealthController {
  constructor(
    private readonly queue: TaskQueue,
    private readonly config: AppConfig,
  ) {}

  @Get('health')
  @HttpCode(200)
  health(@Res({ passthrough: true }) res: { status(code: number): unknown }): Record<string, unknown> {
    const healthy = this.queue.isHealthy();
    if (!healthy) res.status(503);
    return { status: healthy ? 'ok' : 'unavailable', mode: this.config.redisUrl ? 'redis' : 'embedded', circle: this.config.circleName };
  }
}
