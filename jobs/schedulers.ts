import { setTimeout as sleep } from 'node:timers/promises';
import type { RepeatOptions } from 'bullmq';
import type { CrawlSchedule, CrawlSource } from '../config/sources.js';
import type { CrawlContext } from './context.js';
import { RUN_JOB, type RunJobData } from './queues.js';

/**
 * One BullMQ job scheduler per source, with a stable id (`source.<id>`), kept in line with the
 * sources file by `syncSchedules`. Upserting under a stable id is what makes restarts and
 * deploys harmless: the scheduler is replaced, never doubled, and it holds at most one pending
 * run job. A sync compares first and leaves an unchanged scheduler alone (an upsert would move
 * its next run), and takes a short Redis lock so two deploys syncing at once do not interleave.
 *
 * Pausing a source removes its scheduler and remembers the pause in Redis (a sync does not bring
 * it back); resuming puts it back. Runs already in progress are not affected.
 */

const SCHEDULER_ID_PREFIX = 'source.';

function schedulerIdOf(sourceId: string): string {
  return `${SCHEDULER_ID_PREFIX}${sourceId}`;
}

function repeatOptionsOf(schedule: CrawlSchedule): Omit<RepeatOptions, 'key'> {
  return schedule.cron !== undefined
    ? { pattern: schedule.cron, tz: schedule.timezone }
    : { every: schedule.every as number };
}

export type ScheduleState =
  /** The scheduler in Redis matches the file. */
  | 'synced'
  /** The file schedules the source, Redis has no scheduler for it yet: run `schedule sync`. */
  | 'not-synced'
  /** Redis has a scheduler with other timing than the file: run `schedule sync`. */
  | 'changed'
  | 'paused'
  /** The source has no schedule (runs only by hand) or is disabled. */
  | 'unscheduled'
  /** A scheduler for a source the file no longer has: `schedule sync` removes it. */
  | 'orphan';

export interface ScheduleEntry {
  sourceId: string;
  state: ScheduleState;
  /** From the sources file. */
  cron?: string;
  every?: number;
  timezone?: string;
  /** Next run, epoch ms, from the scheduler in Redis. */
  next?: number;
}

export interface SyncReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Sources without a schedule, disabled or paused. */
  skipped: string[];
}

interface SchedulerInfo {
  id: string;
  pattern?: string;
  every?: number;
  tz?: string;
  next?: number;
}

async function schedulersOf(ctx: CrawlContext): Promise<Map<string, SchedulerInfo>> {
  const list = await ctx.runsQueue.getJobSchedulers(0, -1, true);
  const byId = new Map<string, SchedulerInfo>();
  for (const s of list) {
    const id = s.id ?? s.key;
    if (!id.startsWith(SCHEDULER_ID_PREFIX)) continue;
    byId.set(id, {
      id,
      ...(s.pattern ? { pattern: s.pattern } : {}),
      ...(s.every ? { every: Number(s.every) } : {}),
      ...(s.tz ? { tz: s.tz } : {}),
      ...(s.next ? { next: Number(s.next) } : {}),
    });
  }
  return byId;
}

function matches(existing: SchedulerInfo, schedule: CrawlSchedule): boolean {
  if (schedule.cron !== undefined)
    return existing.pattern === schedule.cron && existing.tz === schedule.timezone;
  return existing.every === schedule.every && existing.pattern === undefined;
}

async function withSyncLock<T>(ctx: CrawlContext, body: () => Promise<T>): Promise<T> {
  const key = ctx.keys.scheduleSyncLock();
  const owner = `${process.pid}-${Date.now()}`;
  const deadline = Date.now() + 30_000;
  while ((await ctx.redis.set(key, owner, 'PX', 30_000, 'NX')) !== 'OK') {
    if (Date.now() > deadline)
      throw new Error('another process has been syncing the crawl schedules for 30 s; try again');
    await sleep(100);
  }
  try {
    return await body();
  } finally {
    if ((await ctx.redis.get(key)) === owner) await ctx.redis.del(key);
  }
}

async function upsert(ctx: CrawlContext, source: CrawlSource & { schedule: CrawlSchedule }): Promise<void> {
  const data: RunJobData = { sourceId: source.id, trigger: 'schedule' };
  await ctx.runsQueue.upsertJobScheduler(schedulerIdOf(source.id), repeatOptionsOf(source.schedule), {
    name: RUN_JOB,
    data,
  });
}

function isScheduled(source: CrawlSource): source is CrawlSource & { schedule: CrawlSchedule } {
  return source.enabled && source.schedule !== undefined;
}

/** Makes the schedulers in Redis match the sources: adds, updates and removes; leaves unchanged ones alone. */
export async function syncSchedules(ctx: CrawlContext, sources: readonly CrawlSource[]): Promise<SyncReport> {
  return withSyncLock(ctx, async () => {
    const report: SyncReport = { added: [], updated: [], removed: [], unchanged: [], skipped: [] };
    const existing = await schedulersOf(ctx);
    const paused = new Set(await ctx.redis.smembers(ctx.keys.pausedSources()));
    const wanted = new Set<string>();
    for (const source of sources) {
      if (!isScheduled(source) || paused.has(source.id)) {
        report.skipped.push(source.id);
        continue;
      }
      const id = schedulerIdOf(source.id);
      wanted.add(id);
      const current = existing.get(id);
      if (current !== undefined && matches(current, source.schedule)) {
        report.unchanged.push(source.id);
        continue;
      }
      await upsert(ctx, source);
      (current === undefined ? report.added : report.updated).push(source.id);
    }
    for (const id of existing.keys())
      if (!wanted.has(id)) {
        await ctx.runsQueue.removeJobScheduler(id);
        report.removed.push(id.slice(SCHEDULER_ID_PREFIX.length));
      }
    return report;
  });
}

/** Every source with its schedule and what Redis holds for it, plus schedulers of sources that are gone. */
export async function listSchedules(
  ctx: CrawlContext,
  sources: readonly CrawlSource[],
): Promise<ScheduleEntry[]> {
  const existing = await schedulersOf(ctx);
  const paused = new Set(await ctx.redis.smembers(ctx.keys.pausedSources()));
  const entries: ScheduleEntry[] = sources.map((source) => {
    const scheduler = existing.get(schedulerIdOf(source.id));
    existing.delete(schedulerIdOf(source.id));
    const timing = source.schedule
      ? {
          ...(source.schedule.cron !== undefined ? { cron: source.schedule.cron } : {}),
          ...(source.schedule.every !== undefined ? { every: source.schedule.every } : {}),
          timezone: source.schedule.timezone,
        }
      : {};
    const state: ScheduleState = paused.has(source.id)
      ? 'paused'
      : !isScheduled(source)
        ? scheduler
          ? 'orphan'
          : 'unscheduled'
        : scheduler === undefined
          ? 'not-synced'
          : matches(scheduler, source.schedule)
            ? 'synced'
            : 'changed';
    return {
      sourceId: source.id,
      state,
      ...timing,
      ...(scheduler?.next !== undefined ? { next: scheduler.next } : {}),
    };
  });
  for (const scheduler of existing.values())
    entries.push({
      sourceId: scheduler.id.slice(SCHEDULER_ID_PREFIX.length),
      state: 'orphan',
      ...(scheduler.pattern ? { cron: scheduler.pattern } : {}),
      ...(scheduler.every ? { every: scheduler.every } : {}),
      ...(scheduler.tz ? { timezone: scheduler.tz } : {}),
      ...(scheduler.next !== undefined ? { next: scheduler.next } : {}),
    });
  return entries;
}

/** Stops the scheduled runs of these sources until resumed. */
export async function pauseSources(ctx: CrawlContext, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await withSyncLock(ctx, async () => {
    await ctx.redis.sadd(ctx.keys.pausedSources(), ...sourceIds);
    for (const id of sourceIds) await ctx.runsQueue.removeJobScheduler(schedulerIdOf(id));
  });
}

/** Schedules these sources again (those with a schedule in the file). */
export async function resumeSources(
  ctx: CrawlContext,
  sources: readonly CrawlSource[],
  sourceIds: readonly string[],
): Promise<void> {
  if (sourceIds.length === 0) return;
  await withSyncLock(ctx, async () => {
    await ctx.redis.srem(ctx.keys.pausedSources(), ...sourceIds);
    for (const source of sources)
      if (sourceIds.includes(source.id) && isScheduled(source)) await upsert(ctx, source);
  });
}
