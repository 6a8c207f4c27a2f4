import net from 'node:net';
import { checkEgress, EgressRefusedError, hostUrl, isPrivateAddress, type Resolver } from './egress-guard';
import { ollamaLlm } from './ollama.adapter';

const resolving = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));

describe('the assistant egress guard', () => {
  it('tells loopback and private networks from the rest', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.254', '192.168.1.20', '::1', 'fd12:3456::1', 'fc00::1', '::ffff:192.168.1.2']) expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['8.8.8.8', '172.32.0.1', '172.15.255.255', '169.254.169.254', 'fe80::1', '100.64.0.1', '0.0.0.0', '::', '2001:4860:4860::8888', '::ffff:8.8.8.8', 'not-an-ip']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('reads hosts as Ollama settings write them', () => {
    expect(hostUrl('127.0.0.1:11434')?.origin).toBe('http://127.0.0.1:11434');
    expect(hostUrl('ollama.lan')?.origin).toBe('http://ollama.lan:11434');
    expect(hostUrl('https://llm.cabinet.lan')?.origin).toBe('https://llm.cabinet.lan');
    for (const bad of ['', 'ftp://x', 'http://user:pw@host', 'a b']) expect(hostUrl(bad)).toBeNull();
  });

  it('refuses a host when any of its addresses is public, and pins the checked one', async () => {
    await expect(checkEgress('8.8.8.8')).rejects.toMatchObject({ reason: 'public-address' });
    await expect(checkEgress('ollama.example.com', { resolver: resolving('93.184.216.34') })).rejects.toMatchObject({ reason: 'public-address' });
    await expect(checkEgress('mixed.lan', { resolver: resolving('10.0.0.5', '8.8.8.8') })).rejects.toMatchObject({ reason: 'public-address' });
    await expect(checkEgress('nowhere.lan', { resolver: async () => { throw new Error('ENOTFOUND'); } })).rejects.toMatchObject({ reason: 'unresolved' });
    await expect(checkEgress('http://[::1]:11434')).resolves.toMatchObject({ pinned: { address: '::1', family: 6 } });
    await expect(checkEgress('ollama.lan:11434', { resolver: resolving('192.168.1.20', '10.0.0.2') })).resolves.toMatchObject({ hostname: 'ollama.lan', pinned: { address: '192.168.1.20' } });
    // An administrator's explicit allowance lets a public host through.
    await expect(checkEgress('ollama.example.com', { resolver: resolving('93.184.216.34'), allowPublic: true })).resolves.toMatchObject({ pinned: { address: '93.184.216.34' } });
  });

  it('refuses a public host before any connection is made', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const request = { instructions: 'x', context: 'Windows Server 2012', sources: [] };
      for (const llm of [
        ollamaLlm({ host: '8.8.8.8', model: 'mistral' }),
        ollamaLlm({ host: 'http://ollama.example.com:11434', model: 'mistral', resolver: resolving('93.184.216.34') }),
        ollamaLlm({ host: 'rebind.lan', model: 'mistral', resolver: resolving('127.0.0.1', '2001:4860:4860::8888') }),
      ]) await expect(llm.suggest(request)).rejects.toBeInstanceOf(EgressRefusedError);
      expect(connect).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
      fetchSpy.mockRestore();
    }
  });
});
