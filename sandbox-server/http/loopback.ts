import { isIP } from 'node:net';

/** Whether listening on `host` serves this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const plain = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || /^::ffff:127\./i.test(plain);
}
