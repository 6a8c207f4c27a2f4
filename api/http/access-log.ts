import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { accessLogger } from '../../config/logger';

/**
 * The access log: one line per request (pino-http) with its id (an incoming
 * `X-Request-Id` of up to 64 word characters, else a new one, answered in
 * `X-Request-Id`), its method, path and status, and `req.log` for handlers.
 * Only method, path and status: no bodies, no query strings (they may carry
 * personal data); an agenda feed's path is its secret and is logged without it.
 * The serializers read the request and the response themselves: pino-http's
 * wrappers would first copy their headers, query and address at every
 * request, for these three fields (docs/performance.md, « API hot path »).
 */
export function accessLog(logger: Logger = accessLogger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    wrapSerializers: false,
    serializers: {
      req: (req: Request) => ({ id: req.id, method: req.method, path: String(req.originalUrl ?? req.url).split('?')[0]!.replace(/^(\/api\/v1\/planning\/ical\/).+/, '$1…') }),
      res: (res: Response) => ({ statusCode: res.headersSent ? res.statusCode : null }),
    },
    autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
  }) as RequestHandler;
}
