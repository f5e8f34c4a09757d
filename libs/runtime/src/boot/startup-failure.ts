/**
 * A reason the platform cannot start that a person can fix (a bad variable, a service that is not
 * running). Its message is the whole story, printed as one line without a stack trace.
 */
export class StartupFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupFailure';
  }
}
