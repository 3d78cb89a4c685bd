import { alreadyCompleted, invalidArgument, notFound } from './errors';
import { event } from './history';
import { packAny, unpackAny, type Msg } from './proto';
import type { Run, RunOps } from './run';

/**
 * Workflow updates: admitted requests ride on the next workflow task as protocol messages; the
 * worker's acceptance / rejection / response come back with the task's completion. Dedup by id.
 */
export class Updates {
  constructor(private readonly k: RunOps) {}

  async update(req: Msg): Promise<Msg> {
    const ns = this.k.checkNamespace(req.namespace);
    const updateId: string | undefined = req.request?.meta?.updateId;
    if (!updateId) throw invalidArgument('Update id is not set on request.');
    if (!req.request?.input?.name) throw invalidArgument('Update name is not set on request.');
    const run = this.k.resolveRun(ns, req.workflowExecution);
    if (!run.updates[updateId]) {
      if (run.status !== 'RUNNING') throw alreadyCompleted();
      run.updates[updateId] = { updateId, request: req.request, stage: 'admitted' };
      this.k.scheduleWft(run);
      this.k.touch(run);
      await this.k.commit();
    }
    return this.wait(run, updateId, req.waitPolicy?.lifecycleStage);
  }

  async poll(req: Msg): Promise<Msg> {
    const ns = this.k.checkNamespace(req.namespace);
    const ref = req.updateRef ?? {};
    const run = this.k.resolveRun(ns, ref.workflowExecution);
    if (!run.updates[ref.updateId]) throw notFound(`update ${ref.updateId} not found`);
    return this.wait(run, ref.updateId, req.waitPolicy?.lifecycleStage);
  }

  /** Answers once the update reaches the stage asked for, or (admitted) after a long-poll interval. */
  private async wait(run: Run, updateId: string, stage: string | undefined): Promise<Msg> {
    const wantCompleted = stage === 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED';
    const deadline = Date.now() + Math.min(this.k.longPollMs, 20_000);
    for (;;) {
      const u = run.updates[updateId]!;
      const reached = u.stage === 'completed' || (!wantCompleted && u.stage === 'accepted');
      if (reached || Date.now() >= deadline || this.k.closed) {
        const lifecycle = u.stage === 'completed' ? 'COMPLETED' : u.stage === 'accepted' ? 'ACCEPTED' : 'ADMITTED';
        return {
          updateRef: { workflowExecution: { workflowId: run.workflowId, runId: run.runId }, updateId },
          outcome: u.stage === 'completed' ? u.outcome : undefined,
          stage: `UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_${lifecycle}`,
        };
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, deadline - Date.now());
        function done() {
          clearTimeout(t);
          run.updateWaiters.delete(done);
          resolve();
        }
        run.updateWaiters.add(done);
      });
      await this.k.commit();
    }
  }

  wake(run: Run): void {
    const ws = [...run.updateWaiters];
    run.updateWaiters.clear();
    for (const w of ws) w();
  }

  /** Whether admitted updates wait for a workflow task. */
  waiting(run: Run): boolean {
    return Object.values(run.updates).some((u) => u.stage === 'admitted');
  }

  /** Protocol messages carrying the admitted requests, for a task being handed out. */
  attach(run: Run, startedEventId: number): Msg[] {
    const messages: Msg[] = [];
    for (const u of Object.values(run.updates)) {
      if (u.stage !== 'admitted') continue;
      u.stage = 'sent';
      messages.push({
        id: `${u.updateId}/request`,
        protocolInstanceId: u.updateId,
        eventId: startedEventId - 1,
        body: packAny('temporal.api.update.v1.Request', u.request),
      });
    }
    return messages;
  }

  /** The task ended without an answer for some requests: offer them again with the next one. */
  taskEnded(run: Run): void {
    for (const u of Object.values(run.updates)) if (u.stage === 'sent') u.stage = 'admitted';
  }

  /** The run closed: updates still open fail, as on the real server. */
  runClosed(run: Run): void {
    for (const u of Object.values(run.updates)) {
      if (u.stage === 'completed') continue;
      u.stage = 'completed';
      u.outcome = {
        failure: {
          message: 'Workflow Update failed because the Workflow completed before the Update completed.',
          applicationFailureInfo: { type: 'AcceptedUpdateCompletedWorkflow', nonRetryable: true },
        },
      };
    }
    this.wake(run);
  }

  /** Applies the worker's acceptance, rejection or response for one update. */
  apply(run: Run, m: Msg): void {
    const body = unpackAny(m.body);
    const u = run.updates[m.protocolInstanceId];
    if (!body || !u) return;
    const name = body.typeName.replace('temporal.api.update.v1.', '');
    if (name === 'Acceptance' && (u.stage === 'sent' || u.stage === 'admitted')) {
      u.acceptedEventId = this.k.append(
        run,
        event('WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
          protocolInstanceId: u.updateId,
          acceptedRequestMessageId: body.value.acceptedRequestMessageId,
          acceptedRequestSequencingEventId: body.value.acceptedRequestSequencingEventId,
          acceptedRequest: u.request,
        }),
      );
      u.stage = 'accepted';
    } else if (name === 'Rejection' && u.stage !== 'completed') {
      u.stage = 'completed';
      u.outcome = { failure: body.value.failure };
    } else if (name === 'Response' && u.stage === 'accepted') {
      this.k.append(
        run,
        event('WORKFLOW_EXECUTION_UPDATE_COMPLETED', { meta: body.value.meta, acceptedEventId: u.acceptedEventId, outcome: body.value.outcome }),
      );
      u.stage = 'completed';
      u.outcome = body.value.outcome;
    }
    this.wake(run);
  }
}
