import type { ValidationIssue } from '../shared/validation-issue';
import type { Prompt } from './prompt';

/**
 * The one rule for prompts, shared by flows and ring groups: text-to-speech needs text, and an
 * audio prompt needs an audio id that exists (checked only when the caller supplies the ids).
 */
export function checkPrompt(
  prompt: Prompt,
  path: string,
  audioIds: ReadonlySet<string> | undefined,
  stepId?: string,
): ValidationIssue[] {
  const where = stepId !== undefined ? `Step "${stepId}"` : 'The prompt';
  const withStep = stepId !== undefined ? { stepId } : {};
  // Prompts come from admins as JSON: anything not even an object is reported, never thrown on.
  if (typeof prompt !== 'object' || prompt === null) {
    return [
      {
        ...withStep,
        code: 'invalid_prompt',
        path,
        message: `${where} has a prompt that is not a prompt object (${path}).`,
      },
    ];
  }
  if (prompt.kind === 'tts') {
    return typeof prompt.text === 'string' && prompt.text.trim() !== ''
      ? []
      : [
          {
            ...withStep,
            code: 'empty_prompt',
            path,
            message: `${where} has a text-to-speech prompt with no text (${path}).`,
          },
        ];
  }
  if (prompt.kind === 'audio') {
    if (typeof prompt.audioId !== 'string' || prompt.audioId.trim() === '') {
      return [
        {
          ...withStep,
          code: 'missing_audio',
          path,
          message: `${where} has an audio prompt with no audio file (${path}).`,
        },
      ];
    }
    if (audioIds !== undefined && !audioIds.has(prompt.audioId)) {
      return [
        {
          ...withStep,
          code: 'missing_audio',
          path,
          message: `${where} plays audio "${prompt.audioId}", which does not exist (${path}).`,
        },
      ];
    }
    return [];
  }
  return [
    {
      ...withStep,
      code: 'invalid_prompt',
      path,
      message: `${where} has a prompt of unknown kind (${path}).`,
    },
  ];
}
