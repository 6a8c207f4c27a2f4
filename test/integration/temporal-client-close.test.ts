import { Connection } from '@temporalio/client';

/**
 * A Temporal client call that is waiting to be retried when its connection closes (a test's teardown, the API
 * shutting down) ends with CANCELLED, and its retry timer no longer throws « Channel has been shut down » out of
 * nowhere (test/support/grpc-closed-channel.ts): without the guard this file fails with that uncaught exception.
 */
describe('a Temporal connection closed while a call waits for its retry', () => {
  it('ends the call with CANCELLED and throws nothing afterwards', async () => {
    // Nothing listens there: the first attempt fails UNAVAILABLE and the SDK schedules a retry.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const outcome = connection.workflowService.getSystemInfo({}).then(() => 'answered', (error: Error) => error.message);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await connection.close();
    expect(await outcome).toMatch(/CANCELLED: Channel has been shut down/);
    // Past every retry delay the SDK would have used: an uncaught exception would fail the file here.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
});
