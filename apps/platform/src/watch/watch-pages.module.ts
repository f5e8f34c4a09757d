import { Module } from '@nestjs/common';
import { WatchPagesController } from './watch-pages.controller';

/**
 * The watch and go-live pages. Imported last by the platform: `/:username` is the catch-all of
 * one-segment paths and must never stand in front of another route.
 */
@Module({ controllers: [WatchPagesController] })
export class WatchPagesModule {}
