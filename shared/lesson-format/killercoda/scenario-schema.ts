// The public Killercoda (and older Katacoda) scenario format: index.json. Loose on purpose: keys Slipway does
// not use are kept so the converter can list them as unsupported instead of dropping them silently.
import { z } from 'zod';

const TextPart = z.looseObject({
  text: z.string().optional(),
  background: z.string().optional(),
  foreground: z.string().optional(),
});

export const ScenarioStepSchema = z.looseObject({
  title: z.string().min(1),
  text: z.string().optional(),
  verify: z.string().optional(),
  background: z.string().optional(),
  foreground: z.string().optional(),
});

export const ScenarioAssetSchema = z.looseObject({
  file: z.string().min(1),
  target: z.string().min(1),
  chmod: z.string().optional(),
});

export const ScenarioSchema = z.looseObject({
  title: z.string().min(1),
  description: z.string().optional(),
  difficulty: z.string().optional(),
  time: z.string().optional(),
  details: z.looseObject({
    intro: TextPart.optional(),
    steps: z.array(ScenarioStepSchema).min(1),
    finish: TextPart.optional(),
    assets: z.record(z.string(), z.array(ScenarioAssetSchema)).optional(),
  }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Keys the converter understands, per object; anything else is reported as unsupported. */
export const KNOWN_KEYS = {
  scenario: ['title', 'description', 'difficulty', 'time', 'details'],
  details: ['intro', 'steps', 'finish', 'assets'],
  // A page's title is Killercoda's own heading for it: Slipway's intro and summary need none.
  intro: ['title', 'text', 'background', 'foreground'],
  finish: ['title', 'text', 'background', 'foreground'],
  step: ['title', 'text', 'verify', 'background', 'foreground'],
  asset: ['file', 'target', 'chmod'],
} as const;
