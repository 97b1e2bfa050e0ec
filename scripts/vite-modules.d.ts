// Vite and its React plugin publish types only through `exports`, which this repo's `node`
// module resolution does not read; scripts/build-admin.ts needs no more of them than this.
declare module 'vite' {
  export function build(config: Record<string, unknown>): Promise<unknown>;
}
declare module '@vitejs/plugin-react' {
  const react: () => unknown;
  export default react;
}
