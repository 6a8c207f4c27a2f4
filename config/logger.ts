import pino from 'pino';
import { env } from './env';

/** Keys whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'password', '*.password', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken',
  'req.headers.authorization', 'req.headers.cookie', 'email', '*.email', 'phone', '*.phone',
  // A student's social security number (the school registry, ADR 0049), should a value carrying it ever be logged.
  'nir', '*.nir',
];

const options: pino.LoggerOptions = {
  level: env().LOG_LEVEL,
  base: { service: process.env.RELAIS_SERVICE ?? 'relais' },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
};

/** Events (start-up, warnings, errors): each line written at once. */
export const logger = pino(options);

/**
 * The API's access log (pino-http, one line per request) and what handlers log
 * through `req.log`: buffered, written by 4 kB (atomic on a pipe), at least
 * every second and when the process exits, instead of one write per request,
 * which cost about 5% of the API's CPU under load (docs/performance.md). A
 * process killed outright (SIGKILL) loses at most its last second of lines.
 */
const accessDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
export const accessLogger = pino(options, accessDestination);
setInterval(() => {
  // A destination already closed (the process ending) has nothing left to write.
  try { accessDestination.flush(); } catch { /* closed */ }
}, 1000).unref();
