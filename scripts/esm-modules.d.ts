// These ES-module packages publish types only through `exports`, which this repo's `node` module
// resolution does not read; the build scripts that load them need no more of them than this.
declare module 'vite' {
  export function build(config: Record<string, unknown>): Promise<unknown>;
}
declare module '@vitejs/plugin-react' {
  const react: () => unknown;
  export default react;
}
declare module 'openapi-typescript' {
  /** The document as TypeScript's syntax tree. */
  export default function openapiTS(schema: object): Promise<unknown>;
  export function astToString(ast: unknown): string;
}
