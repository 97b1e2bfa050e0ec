import type { Prompt } from '../flow/prompt';

export type MenuDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

export const MENU_DIGITS: readonly MenuDigit[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

export function isMenuDigit(text: string): text is MenuDigit {
  return (MENU_DIGITS as readonly string[]).includes(text);
}

/** An IVR menu: one prompt, one key per choice. Menus nest by pointing an option at another menu. */
export interface MenuDefinition {
  readonly id: string;
  readonly prompt: Prompt;
  /** Key → step id. */
  readonly options: Readonly<Partial<Record<MenuDigit, string>>>;
  /** How long to wait for a key after the prompt, in seconds. */
  readonly timeoutSeconds: number;
  /** Re-prompts allowed after failed attempts (timeouts and invalid keys together); 0 = none. */
  readonly maxRetries: number;
  /** Played after an invalid key, before the re-prompt (or before the fallback). */
  readonly invalidPrompt?: Prompt;
  /** Played after a timeout, before the re-prompt (or before the fallback). */
  readonly timeoutPrompt?: Prompt;
  /** `*` replays the menu without using a retry (only when `*` is not itself an option). */
  readonly repeatOnStar?: boolean;
  /** Where the call goes once retries are used up. */
  readonly fallback: string;
}
