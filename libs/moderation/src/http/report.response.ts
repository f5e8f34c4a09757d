import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '@glint/api';
import type { ResolvedReport } from '../commands/resolve-report';
import { REPORT_PLACES, REPORT_REASONS, REPORT_RESOLUTIONS, type ReportPlace, type ReportReason, type ReportResolution } from '../events';
import type { QueuedReport } from '../queries/list-reports';
import { REPORT_STATUSES } from './report.dto';
import { toUserReference, UserReference } from './user-reference.response';

export class ReportFiledResponse {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
}

export class QueuedReportResponse {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ type: UserReference }) reporter!: UserReference;
  @ApiProperty({ type: UserReference }) target!: UserReference;
  @ApiProperty({ type: UserReference, nullable: true, description: 'The channel where it happened, named by its owner.' }) channel!: UserReference | null;
  @ApiProperty({ enum: REPORT_PLACES }) where!: ReportPlace;
  @ApiProperty({ enum: REPORT_REASONS }) why!: ReportReason;
  @ApiProperty({ nullable: true, description: 'Null when none were written, or the reporter’s account was deleted since.' }) notes!: string | null;
  @ApiProperty({ enum: REPORT_STATUSES }) status!: 'open' | 'resolved';
  @ApiProperty({ enum: REPORT_RESOLUTIONS, nullable: true }) resolution!: ReportResolution | null;
  @ApiProperty({ nullable: true }) resolutionNote!: string | null;
  @ApiProperty({ type: UserReference, nullable: true }) resolvedBy!: UserReference | null;
  @ApiProperty({ format: 'date-time' }) reportedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class ReportResolutionResponse {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ enum: ['resolved'] }) status!: 'resolved';
  @ApiProperty({ enum: REPORT_RESOLUTIONS }) resolution!: ReportResolution;
  @ApiProperty() note!: string;
}

export function toReportQueueResponse(page: Page<QueuedReport>): Page<QueuedReportResponse> {
  return { items: page.items.map(toQueuedReportResponse), nextCursor: page.nextCursor };
}

function toQueuedReportResponse(report: QueuedReport): QueuedReportResponse {
  return {
    reportId: report.reportId,
    reporter: toUserReference(report.reporter),
    target: toUserReference(report.target),
    channel: report.channel && toUserReference(report.channel),
    where: report.where,
    why: report.why,
    notes: report.notes,
    status: report.status,
    resolution: report.resolution,
    resolutionNote: report.resolutionNote,
    resolvedBy: report.resolvedBy && toUserReference(report.resolvedBy),
    reportedAt: report.reportedAt.toISOString(),
    resolvedAt: report.resolvedAt?.toISOString() ?? null,
  };
}

export function toReportResolutionResponse(resolved: ResolvedReport): ReportResolutionResponse {
  return { reportId: resolved.reportId, status: 'resolved', resolution: resolved.resolution, note: resolved.note };
}
