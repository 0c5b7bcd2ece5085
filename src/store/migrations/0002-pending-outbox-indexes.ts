/**
 * The outbox keeps every sent and failed message, so indexes over all of it grow without end while
 * the sender only ever looks at pending ones. Its poll and per-target indexes become partial: they
 * hold pending messages only and stay as small as the queue. The (run_id, seq) index stays whole:
 * deleting a subscription cascades through it to every message of its runs.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreMigration } from './migration.ts';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_due_idx').execute();
  await db.schema.dropIndex('outbox_target_idx').execute();
  await db.schema
    .createIndex('outbox_pending_due_idx')
    .on('outbox')
    .columns(['platform', 'next_attempt_at', 'id'])
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
  await db.schema
    .createIndex('outbox_pending_target_idx')
    .on('outbox')
    .columns(['platform', 'target_id'])
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
}

export const pendingOutboxIndexesMigration: StoreMigration = { id: '0002-pending-outbox-indexes', up };
