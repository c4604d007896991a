export * from './activity';
export * from './admins';
export * from './cohorts';
export * from './delivery';
export * from './environments';
export * from './jobs';
export * from './signal-summaries';
export * from './signals';
