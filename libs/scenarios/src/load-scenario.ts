import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { bundleSchemaIssues, type Bundle, type SchemaCheck } from '@switchboard/bundle';
import { conversionSetupIssues } from './apply-conversions';
import { privacySetupIssues } from './privacy-requests';
import type { Scenario } from './scenario.types';
import { scenarioSchemaIssues } from './schemas';

export class ScenarioFileError extends Error {}

function parse(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
}

function check(kind: string, issuesOf: SchemaCheck, data: unknown, file: string): void {
  const issues = issuesOf(data);
  if (issues.length) {
    const detail = issues.map((i) => `${i.path || '(document)'} ${i.message}`).join('; ');
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
  check('scenario', scenarioSchemaIssues, data, file);
  const s = data as Scenario;
  const setup = [...conversionSetupIssues(s.conversions), ...privacySetupIssues(s)];
  if (setup.length) throw new ScenarioFileError(`${file}: not a valid scenario: ${setup.join('; ')}`);
  let config: Bundle;
  if (typeof s.config === 'string') {
    const bundleFile = path.resolve(path.dirname(file), s.config);
    config = parse(bundleFile) as Bundle;
    check('bundle', bundleSchemaIssues, config, bundleFile);
    config = readAudioFiles(config, path.dirname(bundleFile));
  } else {
    config = readAudioFiles(s.config, path.dirname(file));
  }
  return { ...s, config };
}
