// A Killercoda/Katacoda scenario folder (index.json, markdown files, verify/background scripts, assets/)
// → the text of a Slipway lesson.md. The loader uses it to load a scenario folder directly and
// `npm run lessons:import` to write lesson.md. Whatever Slipway cannot honour is listed in `unsupported`.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { AssetPlacementSchema, LessonError, type AssetPlacement, type LessonFrontmatter } from '../lesson-schema.ts';
import { mapAlpineImages } from './alpine-images.ts';
import { convertMarkers, type Command } from './convert-markers.ts';
import { readWholePipes } from './quiet-grep.ts';
import { KNOWN_KEYS, ScenarioSchema, type Scenario } from './scenario-schema.ts';

export interface ConvertedScenario {
  markdown: string;
  unsupported: string[];
}

export async function convertScenario(dir: string): Promise<ConvertedScenario> {
  const indexFile = path.join(dir, 'index.json');
  const scenario = parseIndex(indexFile, await readFile(indexFile, 'utf8'));
  const unsupported = unknownKeys(scenario);
  const mappedImages = new Set<string>();
  const read = async (name: string | undefined) => {
    if (!name) return '';
    const { text, mapped } = mapAlpineImages(await readInside(dir, name, indexFile));
    for (const note of mapped) mappedImages.add(note);
    return text;
  };
  const { intro, finish, steps, assets } = scenario.details;

  const introText = convertMarkers(await read(intro?.text), 'intro', 'prose');
  unsupported.push(...introText.unsupported);
  if (introText.commands.length > 0) unsupported.push('intro: {{exec}} commands before the first step are not part of any step\'s solution');
  const setupParts = [await read(intro?.background)];
  if (intro?.foreground) unsupported.push(`intro.foreground (${intro.foreground}): foreground scripts are not run; Slipway runs the background script as the lesson's setup`);

  const usedIds = new Set<string>();
  const stepTexts: string[] = [];
  let nodes = 1;
  for (const [index, step] of steps.entries()) {
    const where = `step ${index + 1}`;
    const body = convertMarkers(await read(step.text), where);
    unsupported.push(...body.unsupported);
    if (step.background) {
      setupParts.push(await read(step.background));
      if (index > 0) unsupported.push(`${where}.background (${step.background}): runs with the lesson's setup when the session starts, not when step ${index + 1} opens`);
    }
    if (step.foreground) unsupported.push(`${where}.foreground (${step.foreground}): foreground scripts are not run`);
    const verify = await read(step.verify);
    if (!step.verify) unsupported.push(`${where} has no verify script: its check always passes, so the proof harness reports it`);
    nodes = Math.max(nodes, ...body.commands.map((command) => command.node));
    const id = stepId(step.title, index, usedIds);
    stepTexts.push([
      `::: step ${id} ${step.title.replace(/\s+/g, ' ').trim()}`,
      body.markdown.trim(),
      fence('check', readWholePipes(verify.trim()) || 'true'),
      solution(body.commands, where, unsupported),
      ':::',
    ].filter(Boolean).join('\n\n'));
  }

  const finishText = convertMarkers(await read(finish?.text), 'finish', 'prose');
  unsupported.push(...finishText.unsupported);
  for (const key of ['background', 'foreground'] as const) {
    if (finish?.[key]) unsupported.push(`finish.${key} (${finish[key]}): scripts of the finish page are not run`);
  }

  const placements = await assetPlacements(dir, assets ?? {}, unsupported);
  unsupported.push(...[...mappedImages].map((note) => `image ${note}: the sandbox pulls only the image kit, which has no Alpine images`));
  const setup = setupParts.map((part) => part.trim()).filter(Boolean).join('\n\n');
  const meta: Partial<LessonFrontmatter> = {
    title: scenario.title,
    summary: oneLine(scenario.description) || scenario.title,
    level: level(scenario.difficulty),
    minutes: minutes(scenario.time, steps.length),
    tags: ['imported'],
    ...(nodes > 1 ? { nodes } : {}),
    ...(setup ? { setup: `${setup}\n` } : {}),
    ...(placements.length > 0 ? { assets: placements } : {}),
  };
  const markdown = [`---\n${toYaml(meta, { lineWidth: 0 })}---`, introText.markdown.trim(), ...stepTexts, finishText.markdown.trim()]
    .filter(Boolean)
    .join('\n\n') + '\n';
  return { markdown, unsupported };
}

/** The step's {{exec}} commands as its solution, on the node they target (a solution runs on one node). */
function solution(commands: Command[], where: string, unsupported: string[]): string {
  if (commands.length === 0) return '';
  const node = commands[0]?.node ?? 1;
  const others = commands.filter((command) => command.node !== node);
  if (others.length > 0) unsupported.push(`${where}: commands for node${others[0]?.node} are left out of the solution, which runs on node${node} (a solution runs on one node)`);
  const info = node > 1 ? `solution {node=node${node}}` : 'solution';
  return fence(info, `# The step's {{exec}} commands, in order.\n${commands.filter((command) => command.node === node).map((command) => command.code).join('\n')}`);
}

/** host01's assets that exist as placements; a missing file or another host's asset is reported instead. */
async function assetPlacements(dir: string, assets: NonNullable<Scenario['details']['assets']>, unsupported: string[]): Promise<AssetPlacement[]> {
  const placements: AssetPlacement[] = [];
  for (const [host, files] of Object.entries(assets)) {
    if (host !== 'host01') {
      unsupported.push(`details.assets.${host}: assets for other hosts are not copied (only host01, the learner's first sandbox): copy them from node1's setup over the network, or drop them`);
      continue;
    }
    for (const [index, { file, target, chmod }] of files.entries()) {
      if (!AssetPlacementSchema.shape.file.safeParse(file).success) {
        unsupported.push(`details.assets.${host}[${index}]: "${file}" is not a path inside assets/, so it is not copied`);
        continue;
      }
      const exists = await stat(path.join(dir, 'assets', file)).then((info) => info.isFile(), () => false);
      if (!exists) {
        unsupported.push(`details.assets.${host}[${index}]: assets/${file} is not in the scenario folder, so it is not copied: add the file or remove the entry`);
        continue;
      }
      placements.push({ file, target, ...(chmod ? { chmod } : {}) });
    }
  }
  return placements;
}

function parseIndex(file: string, text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LessonError(file, 1, `index.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) throw new LessonError(file, 1, `index.json is not a Killercoda scenario: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  return parsed.data;
}

/** Reads a file the scenario names, refusing paths that leave the scenario folder (scenarios may come from third parties). */
async function readInside(dir: string, name: string, indexFile: string): Promise<string> {
  const full = path.resolve(dir, name);
  if (!full.startsWith(path.resolve(dir) + path.sep)) throw new LessonError(indexFile, 1, `"${name}" is outside the scenario folder`);
  return readFile(full, 'utf8').catch(() => {
    throw new LessonError(indexFile, 1, `"${name}" is named in index.json but does not exist`);
  });
}

function unknownKeys(scenario: Scenario): string[] {
  const report = (where: string, value: object | undefined, known: readonly string[]) =>
    Object.keys(value ?? {}).filter((key) => !known.includes(key)).map((key) => `${where}.${key}: not supported, ignored`);
  const { details } = scenario;
  return [
    ...report('index.json', scenario, KNOWN_KEYS.scenario),
    ...report('details', details, KNOWN_KEYS.details),
    ...report('details.intro', details.intro, KNOWN_KEYS.intro),
    ...report('details.finish', details.finish, KNOWN_KEYS.finish),
    ...details.steps.flatMap((step, index) => report(`details.steps[${index}]`, step, KNOWN_KEYS.step)),
    ...Object.entries(details.assets ?? {}).flatMap(([host, files]) => files.flatMap((file, index) => report(`details.assets.${host}[${index}]`, file, KNOWN_KEYS.asset))),
  ];
}

function stepId(title: string, index: number, used: Set<string>): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  let id = /^[a-z0-9]/.test(slug) ? slug : `step-${index + 1}`;
  if (used.has(id)) id = `${id}-${index + 1}`;
  used.add(id);
  return id;
}

const fence = (kind: string, body: string) => `\`\`\`${kind}\n${body}\n\`\`\``;
const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function level(difficulty: string | undefined): LessonFrontmatter['level'] {
  const value = difficulty?.toLowerCase();
  return value === 'intermediate' || value === 'advanced' ? value : 'beginner';
}

function minutes(time: string | undefined, steps: number): number {
  const stated = Number(/\d+/.exec(time ?? '')?.[0]);
  return Number.isInteger(stated) && stated >= 1 && stated <= 240 ? stated : Math.min(240, Math.max(5, steps * 5));
}
