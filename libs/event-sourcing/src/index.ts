export { type DomainEvent, type Decider, foldEvents, unreachable } from './decider';
export { type CommandContext, systemContext, toNewEvents } from './command-context';
export { EventSourcedStreams, type LoadedState, type HandledCommand, type HandleOptions } from './event-sourced-streams';
