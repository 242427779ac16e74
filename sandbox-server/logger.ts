// Structured logs: one JSON object per line, so operators can ship them anywhere.
type Fields = Record<string, unknown>;
type Level = 'info' | 'warn' | 'error';

const RANK = { info: 0, warn: 1, error: 2, silent: 3 } as const;
let threshold: number = RANK.info;

/** Set from the configuration (SLIPWAY_LOG) when the server starts. */
export function setLogLevel(level: keyof typeof RANK): void {
  threshold = RANK[level];
}

function write(level: Level, event: string, fields: Fields): void {
  if (RANK[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
