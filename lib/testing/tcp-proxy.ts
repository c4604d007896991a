import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a database, for tests of what happens while it is away: `stop()` closes
 * the port and cuts every open connection (as a stopped server does), `hang()` accepts connections
 * and never answers (as an unreachable host does), `start()` brings it back on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let server: Server | undefined;
  let port = 0;
  let mode: 'forward' | 'hang' = 'forward';
  const sockets = new Set<Socket>();

  const listen = async () => {
    server = createServer((client) => {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => {});
      if (mode === 'hang') return;
      const upstream = connect(target.port, target.host);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  await listen();

  return {
    get port() {
      return port;
    },
    async stop() {
      cut();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
    async hang() {
      if (!server) await listen();
      mode = 'hang';
      cut();
    },
    async start() {
      mode = 'forward';
      if (!server) await listen();
    },
    async close() {
      await this.stop();
    },
  };
}
