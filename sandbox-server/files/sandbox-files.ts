// Files in a node, for the editor and "apply to file" buttons. Reads and writes go through the engine's
// archive API (one HTTP round trip, exact bytes, no shell quoting, works whatever the file holds); listing a
// directory and creating missing parents use a small exec, because the archive API would tar a whole tree.
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { extract, pack } from 'tar-stream';
import { MAX_FILE_BYTES, type DirectoryListing, type FileContent, type FileEntry } from '../../shared/contracts/api-schemas.ts';
import { runCommand } from '../engine/run-command.ts';
import { HttpError } from '../http/http-error.ts';
import { splitPath } from './sandbox-path.ts';

const MIB = MAX_FILE_BYTES / 1024 / 1024;
/** A listing stops after this many entries (a directory of a million files must not stall the editor). */
const MAX_ENTRIES = 5000;

/** The engine's stat of a path (header X-Docker-Container-Path-Stat); `mode` is a Go os.FileMode. */
interface PathStat {
  name: string;
  size: number;
  mode: number;
  linkTarget: string;
}

// Go's os.FileMode type bits sit above bit 19; 1 << 31 is beyond JavaScript's 32-bit signed operators.
const hasBit = (mode: number, bit: number) => Math.floor(mode / 2 ** bit) % 2 === 1;
const isDirectory = (stat: PathStat) => hasBit(stat.mode, 31);
const isSymlink = (stat: PathStat) => hasBit(stat.mode, 27);
const isRegular = (stat: PathStat) => [31, 27, 26, 25, 24, 21, 19].every((bit) => !hasBit(stat.mode, bit));

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/** The stat of `file`, symlinks followed (the engine resolves a link's target for us); undefined if missing. */
async function statPath(container: Docker.Container, file: string): Promise<(PathStat & { path: string }) | undefined> {
  let target = file;
  for (let hops = 0; hops < 2; hops += 1) {
    let response: IncomingMessage;
    try {
      response = (await container.infoArchive({ path: target })) as IncomingMessage;
    } catch (error) {
      // A HEAD answer has no body to tell why: 404 is a missing path; 400 and 500 are what the engine
      // answers when a parent is a file (ENOTDIR). Either way there is nothing to read at this path.
      if ([400, 404, 500].includes(statusOf(error) ?? 0)) return undefined;
      throw error;
    }
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    const stat = JSON.parse(Buffer.from(String(header), 'base64').toString('utf8')) as PathStat;
    if (!isSymlink(stat)) return { ...stat, path: target };
    target = stat.linkTarget;
  }
  return undefined; // a link the engine could not resolve (dangling)
}

export async function listDirectory(container: Docker.Container, directory: string): Promise<DirectoryListing> {
  // find -H follows the path itself when it is a symlink to a directory; entries are not followed.
  const script = '[ -e "$1" ] || exit 3; [ -d "$1" ] || exit 4; find -H "$1" -mindepth 1 -maxdepth 1 -printf \'%y\\t%s\\t%f\\0\' 2>/dev/null';
  const { exitCode, output } = await runCommand(container, ['sh', '-c', script, 'sh', directory]);
  if (exitCode === 3) throw new HttpError(404, `There is no ${directory} on this node.`);
  if (exitCode === 4) throw new HttpError(409, `${directory} is a file, not a directory: read it with GET …/file?path=${directory}.`);
  const records = output.split('\0');
  records.pop(); // after the last NUL: nothing, or a record cut short by the output limit
  const entries = records.slice(0, MAX_ENTRIES).map((record): FileEntry => {
    const [type = '', size = '0', ...name] = record.split('\t');
    const kind = type === 'f' ? 'file' : type === 'd' ? 'directory' : type === 'l' ? 'symlink' : 'other';
    return { name: name.join('\t'), kind, size: Number(size) || 0 };
  });
  entries.sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { path: directory, entries };
}

export async function readFile(container: Docker.Container, file: string): Promise<FileContent> {
  const stat = await statPath(container, file);
  if (!stat) throw new HttpError(404, `There is no file ${file} on this node.`);
  if (isDirectory(stat)) throw new HttpError(409, `${file} is a directory: list it with GET …/files?path=${file}.`);
  if (!isRegular(stat)) throw new HttpError(415, `${file} is not a regular file (a device, socket or pipe), so it cannot be opened as text.`);
  if (stat.size > MAX_FILE_BYTES) throw new HttpError(413, `${file} is ${stat.size} bytes, over the ${MIB} MiB the editor opens: use the terminal.`);
  const bytes = await fileFromArchive((await container.getArchive({ path: stat.path })) as Readable);
  if (bytes.length > MAX_FILE_BYTES) throw new HttpError(413, `${file} grew over the ${MIB} MiB the editor opens: use the terminal.`);
  const content = utf8Text(bytes);
  if (content === undefined) throw new HttpError(415, `${file} is binary (not UTF-8 text), so the editor cannot open it: use the terminal.`);
  return { path: file, content, size: bytes.length };
}

/** Writes `content` to `file` as root (the learner's shell user), creating missing directories. */
export async function writeFile(container: Docker.Container, file: string, content: string): Promise<{ path: string; size: number }> {
  const bytes = Buffer.from(content, 'utf8');
  if (bytes.length > MAX_FILE_BYTES) throw new HttpError(413, `The content is ${bytes.length} bytes, over the ${MIB} MiB a file written here may have.`);
  const existing = await statPath(container, file);
  if (existing && isDirectory(existing)) throw new HttpError(409, `${file} is a directory: give the path of a file inside it.`);
  if (existing && !isRegular(existing)) throw new HttpError(409, `${file} is not a regular file (a device, socket or pipe): pick another path.`);
  // Through a symlink, the file it points to is written, as an editor would.
  const target = existing?.path ?? file;
  const { parent, name } = splitPath(target);
  if (!existing) await makeDirectory(container, parent);
  const archive = pack();
  // An existing file keeps its permissions (a script stays executable); a new one gets 0644.
  archive.entry({ name, size: bytes.length, mode: existing ? existing.mode % 0o10000 : 0o644, uid: 0, gid: 0, mtime: new Date() }, bytes);
  archive.finalize();
  try {
    // tar-stream's Pack is a streamx Readable, which dockerode pipes like a Node stream.
    await container.putArchive(archive as unknown as NodeJS.ReadableStream, { path: parent });
  } catch (error) {
    if (statusOf(error) === 400 || statusOf(error) === 404) throw new HttpError(409, `Cannot write ${file}: ${engineMessage(error)}.`);
    throw error;
  }
  return { path: file, size: bytes.length };
}

async function makeDirectory(container: Docker.Container, directory: string): Promise<void> {
  const made = await runCommand(container, ['mkdir', '-p', '--', directory]);
  if (made.exitCode !== 0) throw new HttpError(409, `Cannot create ${directory}: ${made.output.trim().replace(/^mkdir: /, '')}.`);
}

/** The first file in a tar stream (getArchive of one file holds exactly one). */
async function fileFromArchive(stream: Readable): Promise<Buffer> {
  const reader = extract();
  stream.pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of entry) {
      size += (chunk as Buffer).length;
      if (size <= MAX_FILE_BYTES) chunks.push(chunk as Buffer);
    }
    stream.destroy();
    return size > MAX_FILE_BYTES ? Buffer.alloc(MAX_FILE_BYTES + 1) : Buffer.concat(chunks);
  }
  throw new Error('the engine sent an empty archive');
}

/** The bytes as text when they are UTF-8 without NUL bytes (what editors treat as text), else undefined. */
export function utf8Text(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const engineMessage = (error: unknown) => ((error as { json?: { message?: string } }).json?.message ?? (error as Error).message).replace(/\.$/, '');
