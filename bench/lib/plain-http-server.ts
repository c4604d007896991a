import { createServer } from 'node:http';

// Baseline A, run as a child process by bench/ingest.ts: the least an ingest server can do with a
// request (read the body, parse the JSON, answer) on node:http, so that the app's figures read as
// a fraction of what this machine and load generator allow at all.

const port = Number(process.env.PORT);
createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/health') {
    res.writeHead(200).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"success":true}');
  });
}).listen(port, '127.0.0.1');
