import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '../config/platform-config';
import { currentCorrelationId } from './correlation-context';
import { redactedLogLine } from './log-redaction';

const NEST_LEVELS_FROM: Record<LogLevel, NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * One JSON object per line — time, level, context, message, correlationId — so log tooling reads
 * Glint without parsing prose. Nest's own `log` level is written as `info`, the name log tools use.
 * Every line passes `redactedLogLine` on its way out: no token, session URL, e-mail address or SQL
 * value reaches the log, whoever wrote the line.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(level: LogLevel) {
    super({ json: true, logLevels: NEST_LEVELS_FROM[level] });
  }

  protected override printAsJson(
    message: unknown,
    options: { context: string; logLevel: NestLogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown },
  ): void {
    const error = message instanceof Error ? message : undefined;
    const entry = {
      time: new Date().toISOString(),
      level: options.logLevel === 'log' ? 'info' : options.logLevel,
      context: options.context || undefined,
      message: error ? error.message : message,
      correlationId: currentCorrelationId(),
      stack: error?.stack ?? options.errorStack,
    };
    process[options.writeStreamType ?? 'stdout'].write(`${redactedLogLine(this.stringifyJsonLogObject(entry))}\n`);
  }
}
