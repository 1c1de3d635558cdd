import { pino, destination, stdTimeFunctions, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Personal fields of the people we index. They never reach a log line: a résumé's e-mail or phone
 * in a log file is a data leak the index's access controls cannot undo.
 */
const redactedPaths: readonly string[] = [
  'email',
  'emails',
  'phone',
  'phones',
  'birthDate',
  'address',
  'street',
  '*.email',
  '*.emails',
  '*.phone',
  '*.phones',
  '*.birthDate',
  '*.address',
  '*.street',
  '*.*.email',
  '*.*.phone',
  '*.*.birthDate',
  'body',
  '*.body',
];

export interface LoggerSettings {
  level: string;
  /** Write to this file descriptor (2 = stderr, so `--json` output on stdout stays clean). */
  destinationFd?: number;
}

/** The root logger; each stage takes a child with its own bindings (`logger.child({ stage: 'patent' })`). */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { app: 'talent-brain' },
    redact: { paths: [...redactedPaths], censor: '[redacted]' },
    timestamp: stdTimeFunctions.isoTime,
  };
  return pino(options, destination({ fd: settings.destinationFd ?? 2, sync: true }));
}
