import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from './egress-guard';
import { ollamaLlm } from './ollama.adapter';

/** A loopback server speaking Ollama's HTTP protocol (`POST /api/chat`, not streamed): it records what it received. */
async function loopbackOllama(content: string) {
  const received: Array<{ method: string; url: string; host: string; body: Record<string, unknown> }> = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', body: JSON.parse(body || '{}') });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ model: 'mistral', created_at: new Date().toISOString(), message: { role: 'assistant', content }, done: true, done_reason: 'stop' }));
    });
  });
  server.on('connection', () => { connections += 1; });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, port: (server.address() as AddressInfo).port, connections: () => connections, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const SOURCE = { id: '0b6f6c1e-7d0e-4b53-9f5e-3f3b8d2a1c11', title: 'Correctifs de sécurité des serveurs', text: 'Vérifier que les systèmes en fin de support sont isolés ou mis à jour.' };
const REQUEST = { instructions: 'Cite uniquement les sources données.', context: 'Salle serveur : Windows Server 2012 R2, SMBv1 actif.', sources: [SOURCE] };

describe('the Ollama adapter', () => {
  it('sends the model, the given sources and the context only, not streamed, and reads the structured answer', async () => {
    const ollama = await loopbackOllama(JSON.stringify({ suggestions: [{ text: 'Vérifier les correctifs de fin de support.', sources: [SOURCE.id] }, { text: '' }] }));
    try {
      const answer = await ollamaLlm({ host: `127.0.0.1:${ollama.port}`, model: 'mistral' }).suggest(REQUEST);
      expect(answer.suggestions).toEqual([{ text: 'Vérifier les correctifs de fin de support.', sources: [SOURCE.id] }]);
      expect(ollama.received).toHaveLength(1);
      const [sent] = ollama.received;
      expect(sent).toMatchObject({ method: 'POST', url: '/api/chat', host: `127.0.0.1:${ollama.port}` });
      expect(sent!.body).toMatchObject({ model: 'mistral', stream: false, format: 'json' });
      const messages = sent!.body.messages as Array<{ role: string; content: string }>;
      expect(messages).toEqual([
        { role: 'system', content: REQUEST.instructions },
        { role: 'user', content: `SOURCES\n[${SOURCE.id}] ${SOURCE.title}\n${SOURCE.text}\n\nRELEVÉS DE LA MISSION\n${REQUEST.context}` },
      ]);
    } finally {
      await ollama.close();
    }
  });

  it('connects to the address it checked, whatever the name resolves to afterwards (no rebinding)', async () => {
    const ollama = await loopbackOllama(JSON.stringify({ suggestions: [] }));
    const answers = ['127.0.0.1', '8.8.8.8'];
    let asked = 0;
    const rebinding: Resolver = async () => [{ address: answers[Math.min(asked++, 1)]!, family: 4 }];
    try {
      await ollamaLlm({ host: `http://ollama.cabinet.lan:${ollama.port}`, model: 'mistral', resolver: rebinding }).suggest(REQUEST);
      expect(asked).toBe(1);
      expect(ollama.connections()).toBe(1);
      expect(ollama.received[0]!.host).toBe(`ollama.cabinet.lan:${ollama.port}`);
    } finally {
      await ollama.close();
    }
  });

  it('gives up after its timeout', async () => {
    const server = http.createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await expect(ollamaLlm({ host: `127.0.0.1:${port}`, model: 'mistral', timeoutMs: 50 }).suggest(REQUEST)).rejects.toThrow();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
