// Runs a child command with inherited output; rejects with a one-line error naming it.
import { spawn } from 'node:child_process';

export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${[command, ...args].join(' ').slice(0, 120)} failed (${signal ?? `exit ${code}`})`));
    });
  });
}
