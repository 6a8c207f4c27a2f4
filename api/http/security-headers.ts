import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The built UI loads its scripts only from its own files (no inline script,
 * no eval: checked on ui/dist). Styles need 'unsafe-inline': Vuetify writes
 * its theme into a <style> element at run time and bpmn-js styles its
 * diagrams inline; a nonce would need index.html rendered per request.
 * Images and fonts may be data: URLs (bpmn-js and the icon font's CSS). Frames only from the app
 * itself and blob: (the PDF preview of a quote, invoice or credit note).
 */
const UI_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  // A billing document's PDF preview: fetched with the session, shown from a blob: URL in a frame.
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: the app also runs on plain http://localhost.
  upgradeInsecureRequests: null,
};

/** Swagger UI (/api/docs) inlines its styles and shows a validator badge from swagger.io. */
const DOCS_POLICY = { ...UI_POLICY, imgSrc: [...UI_POLICY.imgSrc, 'https:'] };

const withPolicy = (directives: typeof UI_POLICY) => helmet({
  contentSecurityPolicy: { useDefaults: false, directives },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * Security headers on every answer (API, UI, docs): Content-Security-Policy,
 * X-Frame-Options DENY with frame-ancestors 'none', Referrer-Policy
 * no-referrer, X-Content-Type-Options nosniff, HSTS and helmet's other defaults.
 */
export function securityHeaders(): RequestHandler {
  const ui = withPolicy(UI_POLICY);
  const docs = withPolicy(DOCS_POLICY);
  return (req, res, next) => (req.path.startsWith('/api/docs') ? docs : ui)(req, res, next);
}

/** Token answers (sign-in, refresh, logout, who I am) are never stored by a browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
