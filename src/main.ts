/**
 * Gateway entry point (`npm start`). Validates the environment first (exit 1
 * with a message naming the variable), serves JSON-RPC on ws://HOST:PORT/ws,
 * and on SIGTERM/SIGINT drains: no new connections or requests, in-flight
 * tasks get up to SHUTDOWN_GRACE_MS, sockets close with 1001, exit 0.
 */
import type { AppConfig } from './config/env.validation.js';

// Installed before anything heavy is loaded (hence the dynamic imports below):
// a signal during start-up is held and honoured once the app is up.
let shutdown: ((signal: string) => Promise<void>) | undefined;
let heldSignal: string | undefined;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    if (shutdown) void shutdown(sig);
    else heldSignal ??= sig;
  });
}

async function bootstrap(): Promise<void> {
  await import('reflect-metadata');
  const { ConfigError, loadConfig } = await import('./config/env.validation.js');
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
  const { Logger } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { JsonRpcWsAdapter } = await import('./gateway/jsonrpc-ws.adapter.js');
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
  shutdown = stop;

  await app.listen(config.port, config.host);
  const addr = app.getHttpServer().address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  logger.log(`circle-ws listening on ws://${config.host}:${port}/ws (${config.redisUrl ? 'Redis' : 'embedded'} mode)`);
  if (heldSignal) await stop(heldSignal);
}

bootstrap().catch((e: unknown) => {
  if (e instanceof Error && e.name === 'ConfigError') console.error(e.message);
  else console.error('Start-up failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
