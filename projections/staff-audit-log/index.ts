export * from './tables';
export * from './entities';
export { STAFF_ACTION_EVENTS, isStaffAction, toStaffAuditEntry, staffAuditLog } from './projection';
export * from './queries';
