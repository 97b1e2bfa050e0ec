// @nestjs/swagger exports its compiler plugin as `@nestjs/swagger/plugin`, a subpath that the repo's
// `moduleResolution: node` cannot find types for; these are the types of the file it points at.
declare module '@nestjs/swagger/plugin' {
  export * from '@nestjs/swagger/dist/plugin';
}
