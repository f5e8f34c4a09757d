/** The data of an event type, whatever shape its union member takes (`{ type; data }`). */
type DataOf<Event> = Event extends { data: infer Data } ? Data : never;

/** Keys of an event's data that can hold a sealed value: strings, or strings that may be null. */
type StringKeysOf<Data> = { [Key in keyof Data]-?: [Exclude<Data[Key], null | undefined>] extends [string] ? Key : never }[keyof Data];

/**
 * Which fields of which events of a context hold sealed personal values, by event type: the only
 * fields a reader opens. Every other string is text as someone wrote it, even when it looks like a
 * sealed value. An event type that is not in the union, or a field that is not a string field of
 * that event's data, fails to compile:
 *
 *   export const IDENTITY_SEALED_FIELDS = { UserRegistered: ['emailSealed', 'passwordHashSealed'] } as const satisfies SealedFields<UserEvent>;
 */
export type SealedFields<Event extends { type: string }> = {
  readonly [Type in Event['type']]?: ReadonlyArray<StringKeysOf<DataOf<Extract<Event, { type: Type }>>>>;
};

/** Several contexts' declarations merged, read by event type alone. */
export type SealedFieldRegistry = Readonly<Record<string, ReadonlyArray<string> | undefined>>;
