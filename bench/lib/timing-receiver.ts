import { createServer } from 'node:http';

// The webhook receiver of bench/delivery.ts, run as a child process: answers every POST 200 at
// once and notes when each webhook-id arrived (epoch ms, sub-ms precision). GET /arrivals returns
// them and forgets them; GET /api/health says it is up.

const port = Number(process.env.PORT);
let arrivals: Record<string, number> = {};
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/health') return void res.writeHead(200).end();
  if (req.method === 'GET' && req.url === '/arrivals') {
    const body = JSON.stringify(arrivals);
    arrivals = {};
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  }
  const at = performance.timeOrigin + performance.now();
  const id = req.headers['webhook-id'];
  if (typeof id === 'string') arrivals[id] = at;
  req.on('data', () => {});
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
}).listen(port, '127.0.0.1');
