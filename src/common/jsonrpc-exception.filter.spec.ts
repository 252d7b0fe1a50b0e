import { beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { JsonRpcExceptionFilter } from './jsonrpc-exception.filter.js';
import { JsonRpcError, JsonRpcErrorCode } from './jsonrpc.js';
import { RpcCall } from './rpc-call.js';
import {
  LimitExceededError,
  NotAuthorizedError,
  QueueUnavailableError,
  ScriptError,
  TaskDataError,
  TaskNotFoundError,
  TaskTimeoutError,
} from '../rhai/rhai-client.errors.js';

function wsHost(data: unknown, client: unknown = {}): ArgumentsHost {
  return {
    getType: () => 'ws',
    switchToWs: () => ({ getData: () => data, getClient: () => client, getPattern: () => 'play' }),
  } as unknown as ArgumentsHost;
}

function run(exception: unknown) {
  const call = new RpcCall(7, 'play', {});
  new JsonRpcExceptionFilter().catch(exception, wsHost(call));
  return call.error;
}

describe('JsonRpcExceptionFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const cases: Array<[string, unknown, number]> = [
    ['ScriptError', new ScriptError({ kind: 'runtime', message: 'boom', line: 1, column: 2, errorType: 'ErrorRuntime' }), -32000],
    ['NotAuthorizedError', new NotAuthorizedError(), -32001],
    ['TaskTimeoutError', new TaskTimeoutError(100), -32002],
    ['QueueUnavailableError', new QueueUnavailableError(), -32003],
    ['TaskDataError', new TaskDataError(), -32004],
    ['TaskNotFoundError', new TaskNotFoundError('x'), -32005],
    ['LimitExceededError', new LimitExceededError('full'), -32006],
    ['validation JsonRpcError', new JsonRpcError(JsonRpcErrorCode.InvalidParams, 'Invalid params', ['script must be a string']), -32602],
    ['BadRequestException', new BadRequestException(['bad']), -32602],
    ['plain Error', new Error('secret stack detail'), -32603],
    ['a thrown string', 'weird', -32603],
  ];
  it.each(cases)('maps %s to its code', (_name, exception, code) => {
    expect(run(exception)?.code).toBe(code);
  });

  it('keeps the script error details in data', () => {
    const e = run(new ScriptError({ kind: 'compile', message: 'Syntax error: x', line: 3, column: 4, errorType: 'ErrorParsing' }));
    expect(e).toEqual({
      code: -32000,
      message: 'Script error',
      data: { kind: 'compile', message: 'Syntax error: x', line: 3, column: 4, errorType: 'ErrorParsing' },
    });
  });

  it('puts validation messages in data', () => {
    const e = run(new JsonRpcError(-32602, 'Invalid params', ['script should not be empty']));
    expect(e?.data).toEqual(['script should not be empty']);
  });

  it('never leaks internal error messages or stacks', () => {
    const e = run(new Error('secret stack detail'));
    expect(e).toEqual({ code: -32603, message: 'Internal error' });
    expect(JSON.stringify(e)).not.toContain('secret');
  });

  it('answers directly when the data is not an RpcCall', () => {
    const sent: string[] = [];
    const client = { readyState: 1, send: (s: string) => sent.push(s) };
    new JsonRpcExceptionFilter().catch(new TaskNotFoundError('t'), wsHost({ foo: 1 }, client));
    expect(JSON.parse(sent[0])).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32005, message: 'Task not found', data: { taskId: 't' } } });
  });
});

describe('JsonRpcExceptionFilter on HTTP routes', () => {
  function httpHost() {
    const sent: { status?: number; body?: unknown } = {};
    const res = { status: (c: number) => ((sent.status = c), { json: (b: unknown) => (sent.body = b) }) };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    return { host, sent };
  }
  it('answers an HttpException with its status (e.g. 404 for unknown paths)', () => {
    const { host, sent } = httpHost();
    new JsonRpcExceptionFilter().catch(new NotFoundException('Cannot GET /nope'), host);
    expect(sent).toEqual({ status: 404, body: { statusCode: 404, message: 'Cannot GET /nope' } });
  });
  it('answers anything else with 500 and no details', () => {
    Logger.overrideLogger(false);
    const { host, sent } = httpHost();
    new JsonRpcExceptionFilter().catch(new Error('secret'), host);
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal error' } });
  });
});
