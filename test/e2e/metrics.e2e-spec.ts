import { it } from 'vitest';
import { startHarness } from '../support/sync-harness.js';
it('explore', async () => {
  const h = await startHarness();
  const r = await h.session();
  console.log(r.outcome, JSON.stringify(r.transcript.slice(0,2)));
  for (const q of ['SELECT qbEntity,b24Entity,COUNT(*) n FROM id_mapping GROUP BY 1,2', 'SELECT * FROM id_mapping WHERE qbEntity=\'invoice\' LIMIT 1', 'SELECT direction,qbEntity,b24Entity,action,COUNT(*) n FROM sync_log GROUP BY 1,2,3,4', 'SELECT * FROM sync_error', 'SELECT * FROM sync_watermark', 'SELECT * FROM qbwc_session', 'SELECT * FROM sync_run'])
    console.log(q, JSON.stringify(await h.t.db.query(q), null, 0));
  console.log(h.portal.calls.length, JSON.stringify(h.portal.list('deal').slice(0,1)));
  await h.close();
});
