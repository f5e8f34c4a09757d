import type { RecordedEvent } from './types';

/** Turns the data of one schema version into the next version's shape. Pure. */
export type Upcaster = (data: any, event: RecordedEvent) => unknown;

/**
 * Upcasters per event type, one per version step. Stored events are never rewritten: an old shape
 * is turned into the current one each time it is read.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  /** Registers the step that turns version `fromVersion` of `type` into `fromVersion + 1`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 1) throw new Error(`Upcaster for ${type}: fromVersion must be ≥ 1`);
    const byVersion = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (byVersion.has(fromVersion)) throw new Error(`Upcaster for ${type} from version ${fromVersion} is already registered`);
    byVersion.set(fromVersion, upcast);
    this.steps.set(type, byVersion);
    return this;
  }

  /** The version new events of this type are written at. */
  currentVersion(type: string): number {
    const byVersion = this.steps.get(type);
    if (!byVersion) return 1;
    let version = 1;
    while (byVersion.has(version)) version++;
    return version;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event;
    let current: E = event;
    for (let step = byVersion.get(current.schemaVersion); step; step = byVersion.get(current.schemaVersion)) {
      current = { ...current, data: step(current.data, current), schemaVersion: current.schemaVersion + 1 };
    }
    return current;
  }
}
