// What the test kit starts: the platform exactly as `npm start` builds it.
export { startPlatform, type StartedPlatform } from './platform-app';
