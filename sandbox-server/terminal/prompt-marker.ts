// Finds and removes the prompt hook's private marker (ESC ] 7777 ; slipway ; <payload> BEL) from the
// terminal byte stream. Markers may be split across chunks, so a possible marker start is held back.
const PREFIX = Buffer.from('\x1b]7777;slipway;');
const BEL = 0x07;
const ESC = 0x1b;
const MAX_PAYLOAD = 256;

export interface ScanResult {
  output: Buffer;
  markers: string[];
}

export class PromptMarkerScanner {
  private held: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): ScanResult {
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    const output: Buffer[] = [];
    const markers: string[] = [];
    let position = 0;
    while (position < data.length) {
      const escape = data.indexOf(ESC, position);
      if (escape < 0) {
        output.push(data.subarray(position));
        break;
      }
      output.push(data.subarray(position, escape));
      const head = data.subarray(escape, escape + PREFIX.length);
      if (!PREFIX.subarray(0, head.length).equals(head)) {
        output.push(data.subarray(escape, escape + 1));
        position = escape + 1;
        continue;
      }
      const limit = escape + PREFIX.length + MAX_PAYLOAD;
      const end = head.length === PREFIX.length ? data.subarray(0, limit + 1).indexOf(BEL, escape + PREFIX.length) : -1;
      if (end < 0) {
        if (data.length > limit) {
          // Not one of ours after all (too long): pass it through untouched.
          output.push(data.subarray(escape, escape + 1));
          position = escape + 1;
          continue;
        }
        this.held = Buffer.from(data.subarray(escape));
        break;
      }
      markers.push(data.subarray(escape + PREFIX.length, end).toString('utf8'));
      position = end + 1;
    }
    return { output: Buffer.concat(output), markers };
  }
}
