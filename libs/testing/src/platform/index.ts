export { startPlatformUnderTest, service, eventStore, headPosition, readModels, type PlatformUnderTest } from './platform-under-test';
export { Given, type GivenUser, type GivenUserOptions } from './given';
export { appToken } from './channel-scenario';
export { ChatScenario, NO_PERMISSIONS } from './chat-scenario';
export { SocketClient, type ReceivedFrame } from './chat-socket-client';
export { identityEventsSince, totpCode, awayFromStepBoundary } from './identity-kit';
export { StreamsScenario } from './streams-scenario';
export { usePlatform, type PlatformFixture } from './platform-fixture';
