// What the test kit starts: the platform exactly as `npm start` builds it.
export { startPlatform } from './platform-app';
