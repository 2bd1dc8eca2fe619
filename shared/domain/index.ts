// Public entry point of the domain layer: pure TypeScript (no node:, DOM or electron).
export * from './calendar';
export * from './siae';
export * from './situation';
export * from './pass-iae';
export * from './contracts';
export * from './freins';
export * from './rome';
export * from './formations';
export * from './exits';
export * from './siret';
export * from './alerts';
export * from './people';
export * from './text';
export * from './entretiens';
export * from './immersions';
export * from './grid-templates';
export * from './import-fields';
