export const PROJECTION_ENGINE = Symbol('ProjectionEngine');
