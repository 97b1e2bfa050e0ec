import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import type { Bundle, Scenario } from './scenario-model';

/** The repository root, found from wherever this file runs (src or dist). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'docs', 'schemas', 'scenario.schema.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find docs/schemas from ' + __dirname);
    dir = up;
  }
  return dir;
}

let validators:
  { scenario: (d: unknown) => boolean; bundle: (d: unknown) => boolean; ajv: Ajv2020 } | undefined;

function schemaValidators() {
  if (validators) return validators;
  const dir = path.join(repoRoot(), 'docs', 'schemas');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const bundle = JSON.parse(readFileSync(path.join(dir, 'bundle.schema.json'), 'utf8'));
  const scenario = JSON.parse(readFileSync(path.join(dir, 'scenario.schema.json'), 'utf8'));
  ajv.addSchema(bundle);
  validators = { ajv, bundle: ajv.compile(bundle), scenario: ajv.compile(scenario) };
  return validators;
}

export class ScenarioFileError extends Error {}

function parse(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
}

function check(kind: 'scenario' | 'bundle', data: unknown, file: string): void {
  const v = schemaValidators();
  const validate = v[kind] as ((d: unknown) => boolean) & {
    errors?: { instancePath: string; message?: string }[];
  };
  if (!validate(data)) {
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ScenarioFileError(`${file}: not a valid ${kind}: ${detail}`);
  }
}

/**
 * Reads the audio `file`s of a bundle (relative to `dir`, the bundle file's folder) into
 * `contentBase64`, so the bundle no longer depends on where it was read from.
 */
export function readAudioFiles(bundle: Bundle, dir: string): Bundle {
  if (!bundle.audio?.some((a) => a.file !== undefined)) return bundle;
  const audio = bundle.audio.map((a) => {
    if (a.file === undefined) return a;
    const { file, ...rest } = a;
    const full = path.resolve(dir, file);
    if (!existsSync(full)) throw new ScenarioFileError(`audio "${a.id}": ${full} does not exist`);
    return { ...rest, contentBase64: readFileSync(full).toString('base64') };
  });
  return { ...bundle, audio };
}

/** Reads a scenario (YAML or JSON), validates it and its bundle against the published schemas. */
export function loadScenario(file: string): Scenario & { config: Bundle } {
  const data = parse(file);
  check('scenario', data, file);
  const s = data as Scenario;
  let config: Bundle;
  if (typeof s.config === 'string') {
    const bundleFile = path.resolve(path.dirname(file), s.config);
    config = parse(bundleFile) as Bundle;
    check('bundle', config, bundleFile);
    config = readAudioFiles(config, path.dirname(bundleFile));
  } else {
    config = readAudioFiles(s.config, path.dirname(file));
  }
  return { ...s, config };
}
