export { type DomainEvent, type Decider, foldEvents, unreachable } from './decider';
export { type CommandContext, type CommandContextOptions, commandContext, systemActor, toNewEvents } from './command-context';
export { EventSourcedStreams, type LoadedState, type HandledCommand, type HandleOptions, type AppendOptions, type KnownState, type ReadYourWrites } from './event-sourced-streams';
export { retryingLostRaces, type LostRaceRetryOptions } from './lost-race-retries';
