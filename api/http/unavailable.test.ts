import { Metadata } from '@grpc/grpc-js';
import { ServiceError } from '@temporalio/client';
import { databaseTimedOut, unavailableService } from './unavailable';

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });
}

describe('unavailableService', () => {
  it('names the database for a connection refused, cut or timed out, a server shutting down or starting, and a pool that gives no connection', () => {
    expect(unavailableService(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('database');
    expect(unavailableService(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('database');
    expect(unavailableService(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe('database');
    expect(unavailableService(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe('database');
    expect(unavailableService(new Error('BEGIN; - Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableService(new Error('ROLLBACK - Client has encountered a connection error and is not queryable'))).toBe('database');
    expect(unavailableService(Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }))).toBe('database');
  });

  it('names the process engine for Temporal unreachable or not answering in time, even wrapped', () => {
    expect(unavailableService(grpcError(14, 'No connection established'))).toBe('engine');
    expect(unavailableService(grpcError(4, 'Deadline exceeded'))).toBe('engine');
    expect(unavailableService(new ServiceError('Failed to start Workflow', { cause: grpcError(14, 'Connection refused') }))).toBe('engine');
    expect(unavailableService(new Error('Failed to connect before the deadline'))).toBe('engine');
  });

  it('leaves every other failure alone: a bug stays a 500, a refusal from Temporal stays what it is', () => {
    expect(unavailableService(new TypeError('x is undefined'))).toBeUndefined();
    expect(unavailableService(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeUndefined();
    expect(unavailableService(Object.assign(new Error('syntax error'), { code: '42601' }))).toBeUndefined();
    expect(unavailableService(grpcError(5, 'workflow not found'))).toBeUndefined();
    expect(unavailableService(grpcError(6, 'Workflow execution already started'))).toBeUndefined();
    expect(unavailableService(undefined)).toBeUndefined();
    expect(unavailableService('Connection terminated')).toBeUndefined();
  });
});

describe('databaseTimedOut', () => {
  it('names a statement cancelled at the session bound and a session ended idle in its transaction, even wrapped; nothing else', () => {
    expect(databaseTimedOut(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true);
    expect(databaseTimedOut(Object.assign(new Error('terminating connection due to idle-in-transaction timeout'), { code: '25P03' }))).toBe(true);
    expect(databaseTimedOut(new Error('update failed', { cause: Object.assign(new Error('canceling statement'), { code: '57014' }) }))).toBe(true);
    expect(databaseTimedOut(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(databaseTimedOut(new TypeError('x is undefined'))).toBe(false);
    expect(databaseTimedOut(undefined)).toBe(false);
  });
});
