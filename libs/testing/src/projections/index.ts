export * from './account-events';
export * from './engine-test-kit';
export * from './event-tally';
export * from './read-model-kit';
export * from './slowed-projection';
export * from './statement-count';
