import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './env.validation.js';

/**
 * Validates the environment once at start-up (ConfigModule.validate throws
 * ConfigError → main.ts prints it and exits 1) and provides the typed
 * AppConfig to every module.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      isGlobal: true,
      validate: (env) => {
        loadConfig(env as Record<string, string | undefined>);
        return env;
      },
    }),
  ],
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
