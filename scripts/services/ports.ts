import net from 'node:net';

/** Resolves true when nothing listens on the port (so we may take it). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export class PortTakenError extends Error {
  constructor(what: string, port: number, envVar: string) {
    super(`Port ${port} needed by ${what} is already in use. Stop the program using it ` +
      `(\`lsof -i :${port}\` or \`ss -ltnp | grep ${port}\` shows which), or choose another port with ${envVar}=<port>.`);
  }
}

export async function requireFreePort(what: string, port: number, envVar: string): Promise<void> {
  if (!(await isPortFree(port))) throw new PortTakenError(what, port, envVar);
}

/** Waits until a TCP port accepts connections. */
export async function waitForPort(port: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host);
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing answered on ${host}:${port} after ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Finds a free port chosen by the OS (tests use this to run side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
