export * from './admins';
export * from './environments';
export * from './activity';
export * from './signals';
export * from './cohorts';
export * from './delivery';
export * from './jobs';
export * from './signal-summaries';
