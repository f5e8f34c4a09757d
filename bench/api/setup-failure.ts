/** A reason the benchmark cannot run that the person running it can fix: printed as one line, no stack. */
export class SetupFailure extends Error {}
