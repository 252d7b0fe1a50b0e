import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './env.validation.js';

/**
 * Provides the typed AppConfig, validated once at start-up (loadConfig throws
 * ConfigError naming every bad variable; main.ts validates before Nest starts
 * and exits 1 with the message). Plain provider, no @nestjs/config: nothing
 * reads ConfigService, and that package (with lodash and dotenv) costs ~7 MB
 * resident in every gateway.
 */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
