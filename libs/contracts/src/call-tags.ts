// Placeholder with the writer API only; replaced by the codec of branch wp3-tags on merge.
export const callTags = {
  greeting: (): string => 'greeting',
  prompt: (step: string, n: number): string => `${step}#${n}`,
  voicemailGreeting: (step: string, n: number): string => `${step}-greeting#${n}`,
  menuNotice: (menu: string, gatherId: number, n: number): string => `${menu}-${gatherId}-play#${n}`,
  menuGather: (menu: string, visit: number): string => `${menu}-${visit}`,
  hold: (step: string, n: number): string => `${step}-hold#${n}`,
  whisper: (ring: string, n: number): string => `${ring}-whisper#${n}`,
  ring: (step: string, wave?: number): string => (wave ? `${step}-w${wave}` : step),
  forwardRing: (): string => 'forward',
  voicemail: (step: string): string => step,
  conversation: (ring: string): string => `${ring}-conversation`,
  outboundAgent: (): string => 'agent',
  outboundCallee: (): string => 'callee',
};
