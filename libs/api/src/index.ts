// What every HTTP route shares: problem-details errors, input checks (the text rules sockets
// share), one page shape, the API docs.
export * from './pagination';
export { ApiModule } from './api.module';
export { toProblemDetails, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
export { ProblemDetailsFilter } from './problem-details.filter';
export { dependencyOutageOf } from './dependency-outage';
export { TextInputPipe } from './text-input';
export { serveApiDocs, API_DOCS_PATH } from './api-docs';
