// Step-check latency: from the output of the command that completes a step to the check event arriving.
import { TerminalClient } from '../tests/support/terminal-client.ts';
import { round } from './stats.ts';

export async function measureCheckLatency(terminalUrl: string): Promise<number> {
  const terminal = await TerminalClient.open(terminalUrl);
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run busybox echo "Hello from my first container"\r');
  await terminal.waitForOutput(/^Hello from my first container\r?$/m);
  const outputSeen = performance.now();
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');
  const latency = performance.now() - outputSeen;
  terminal.close();
  return round(latency);
}
