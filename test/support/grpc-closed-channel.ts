import { Metadata, status, type StatusObject } from '@grpc/grpc-js';

/** What the retry interceptor and grpc-js ask of a call (their `InterceptingCallInterface`, not exported). */
interface Call {
  start(metadata: Metadata, listener?: { onReceiveStatus?(status: StatusObject): void }): void;
  sendMessageWithContext(context: { callback?: () => void }, message: unknown): void;
  [method: string]: unknown;
}

/**
 * The Temporal client's gRPC retry interceptor schedules each retry with a timer that closing the
 * connection does not clear. A retry that fires after a test closed its connection asks the closed
 * channel for a call, which throws « Channel has been shut down » inside the timer: an uncaught
 * exception that fails whichever test file runs then (seen in CI after `comms-pacing` and
 * `process-modeler`, all of their tests passed). Every connection a test makes takes its retry
 * interceptor from `makeGrpcRetryInterceptor` (the SDK's default and ours), so it is wrapped here:
 * a call asked of a closed channel ends at once with CANCELLED (not retried) instead of throwing.
 * Installed for every test file (jest.config.js `setupFiles`); proven by
 * `test/integration/temporal-client-close.test.ts`.
 */
const CLOSED = /Channel has been shut down/;

/** A call that only ends, with the status given, on the next turn of the event loop. */
function endedCall(details: string): Call {
  const ended: StatusObject = { code: status.CANCELLED, details, metadata: new Metadata() };
  return {
    cancelWithStatus: () => undefined,
    getPeer: () => '',
    start: (_metadata, listener) => { setImmediate(() => listener?.onReceiveStatus?.(ended)); },
    sendMessageWithContext: (context) => { context.callback?.(); },
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
}

type Interceptor = (options: unknown, nextCall: (options: unknown) => Call) => Call;
const retry = require('@temporalio/client/lib/grpc-retry') as { makeGrpcRetryInterceptor: (options: unknown) => Interceptor; __closedChannelGuard?: true };

if (!retry.__closedChannelGuard) {
  const original = retry.makeGrpcRetryInterceptor;
  retry.makeGrpcRetryInterceptor = (retryOptions) => {
    const interceptor = original(retryOptions);
    return (options, nextCall) => interceptor(options, (callOptions) => {
      try {
        return nextCall(callOptions);
      } catch (error) {
        if (error instanceof Error && CLOSED.test(error.message)) return endedCall(error.message);
        throw error;
      }
    });
  };
  retry.__closedChannelGuard = true;
}
