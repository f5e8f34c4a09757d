export * from './tables';
export * from './entities';
export { chatHistory } from './projection';
export * from './queries';
