export { textProblems, type TextProblem } from './text-rules';
