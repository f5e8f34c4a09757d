// What Glint checks in anything a person sends before it is parsed into a request or stored: the
// nesting of JSON, and the characters of text.
export { textProblems, textProblemsIn, type TextProblem, type FieldTextProblem } from './text-rules';
export { textRefusal } from './text-refusal';
export { JsonNesting, MAX_JSON_NESTING, nestsTooDeep, tooDeep } from './json-nesting';
