export * from './events';
export { DeveloperAppsModule } from './developer-apps.module';
export { AppTokenResolver } from './app-token-resolver';
export { APP_TOKEN_LIFETIME_SECONDS } from './developer-app-decider';
