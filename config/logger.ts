import pino from 'pino';
import { env } from './env';

/** Keys whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'password', '*.password', 'refreshToken', '*.refreshToken', 'accessToken', '*.accessToken',
  'req.headers.authorization', 'req.headers.cookie', 'email', '*.email', 'phone', '*.phone',
];

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: process.env.RELAIS_SERVICE ?? 'relais' },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
});
