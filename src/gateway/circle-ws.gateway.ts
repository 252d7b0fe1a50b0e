import { UseFilters } from '@nestjs/common';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { JsonRpcExceptionFilter } from '../common/jsonrpc-exception.filter.js';
import { RpcCancel } from '../common/rpc-call.js';
import { AppConfig } from '../config/env.validation.js';
import { RhaiService, type CancelHook, type PlayResult } from '../rhai/rhai.service.js';
import { TaskNotFoundError } from '../rhai/rhai-client.errors.js';
import type { JsonRpcId } from '../common/jsonrpc.js';
import { PlayParamsDto } from './dto/play-params.dto.js';
import { TaskStatusParamsDto } from './dto/task-status-params.dto.js';
import { RPC_METHODS } from './rpc-methods.js';

/**
 * JSON-RPC methods. Thin: JsonRpcWsAdapter parses frames and hands each
 * request over as an RpcCall; handlers read `params` (validated by the global
 * pipe) and `id`; errors go through JsonRpcExceptionFilter (bound here:
 * Nest applies app-level global filters to HTTP only, not to gateways).
 */
@WebSocketGateway({ path: '/ws' })
@UseFilters(JsonRpcExceptionFilter)
export class CircleWsGateway {
  constructor(
    private readonly rhai: RhaiService,
    private readonly config: AppConfig,
  ) {}

  @SubscribeMessage('play')
  play(
    @MessageBody('params') params: PlayParamsDto,
    @MessageBody('id') id: JsonRpcId,
    @RpcCancel() cancel?: CancelHook,
  ): Promise<PlayResult> {
    const timeoutMs = params.timeoutMs ?? this.config.taskTimeoutMs;
    return this.rhai.submitScriptAndAwaitResult(this.config.circleName, params.script, id ?? null, timeoutMs, cancel);
  }

  @SubscribeMessage('task.status')
  async taskStatus(@MessageBody('params') params: TaskStatusParamsDto): Promise<Record<string, unknown>> {
    const rec = await this.rhai.getTask(params.taskId);
    if (!rec) throw new TaskNotFoundError(params.taskId);
    const o = rec.outcome;
    return {
      taskId: rec.task.taskId,
      circle: rec.task.circle,
      status: rec.status,
      createdAt: rec.task.createdAt,
      updatedAt: rec.updatedAt,
      ...(o?.status === 'completed' ? { output: o.output ?? '', value: o.value ?? null, valueType: o.valueType } : {}),
      ...(o?.prints ? { prints: o.prints } : {}),
      ...(o?.error ? { error: o.error } : {}),
      ...(o?.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    };
  }

  @SubscribeMessage('ping')
  ping(): string {
    return 'pong';
  }

  @SubscribeMessage('rpc.discover')
  discover(): Record<string, unknown> {
    return { name: 'circle-ws', version: '0.1.0', methods: RPC_METHODS };
  }
}
