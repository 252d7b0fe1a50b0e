/**
 * Gateway entry point (`npm start`). Validates the environment first (exit 1
 * with a message naming the variable), serves JSON-RPC on ws://HOST:PORT/ws,
 * and on SIGTERM/SIGINT drains: no new connections or requests, in-flight
 * tasks get up to SHUTDOWN_GRACE_MS, sockets close with 1001, exit 0.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type AppConfig } from './config/env.validation.js';
import { JsonRpcWsAdapter } from './gateway/jsonrpc-ws.adapter.js';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const { AppModule, configureApp } = await import('./app.module.js');
  const logger = new Logger('Bootstrap');
  const app = await NestFactory.create(AppModule, { logger: ['log', 'warn', 'error'] });
  const adapter = new JsonRpcWsAdapter(app, {
    maxFrameBytes: config.maxFrameBytes,
    maxInFlightPerConnection: config.maxInFlightPerConnection,
  });
  app.useWebSocketAdapter(adapter);
  configureApp(app);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining (grace ${config.shutdownGraceMs} ms)`);
    // Before app.close(): the queue must still work while in-flight tasks finish.
    const hardStop = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 10_000);
    hardStop.unref();
    try {
      await adapter.drain(config.shutdownGraceMs);
      await app.close();
      logger.log('Shut down cleanly');
      process.exit(0);
    } catch (e) {
      logger.error(`Error during shutdown: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen(config.port, config.host);
  const addr = app.getHttpServer().address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  logger.log(`circle-ws listening on ws://${config.host}:${port}/ws (${config.redisUrl ? 'Redis' : 'embedded'} mode)`);
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error('Start-up failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
