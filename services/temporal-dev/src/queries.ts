import { randomUUID } from 'node:crypto';
import { deadlineExceeded, invalidArgument, notFound } from './errors';
import { failureMessage } from './history';
import type { Msg } from './proto';
import type { PendingQuery, Run, RunOps } from './run';
import { decodeToken, encodeToken } from './tokens';

/**
 * Queries see a consistent state: while a workflow task is scheduled or running, a query waits and
 * rides on the next task (`queries` on the poll response); otherwise it goes out as a legacy query
 * task with the run's full history.
 */
export class Queries {
  constructor(private readonly k: RunOps) {}

  query(req: Msg): Promise<Msg> {
    const ns = this.k.checkNamespace(req.namespace);
    const run = this.k.resolveRun(ns, req.execution);
    if (!req.query?.queryType) throw invalidArgument('QueryType is not set on request.');
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        run.queries = run.queries.filter((x) => x !== q);
        reject(deadlineExceeded('query timed out: no worker answered'));
      }, this.k.longPollMs);
      const q: PendingQuery = {
        id: randomUUID(),
        query: req.query,
        state: 'waiting',
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      run.queries.push(q);
      if (!(run.status === 'RUNNING' && run.wft)) this.sendLegacy(run, q);
    });
  }

  private sendLegacy(run: Run, q: PendingQuery): void {
    q.state = 'sent';
    this.k.matching.offer(run.namespace, run.taskQueue, 'workflow', { kind: 'query', runId: run.runId, queryId: q.id });
  }

  /** No workflow task pending any more: waiting queries go out as legacy query tasks. */
  sendWaiting(run: Run): void {
    for (const q of run.queries) if (q.state === 'waiting') this.sendLegacy(run, q);
  }

  /** The run closed: everything not yet out goes out (queries on closed runs are answered by replay). */
  sendAllPending(run: Run): void {
    for (const q of run.queries) if (q.state !== 'sent') this.sendLegacy(run, q);
  }

  /** Waiting queries for a workflow task being handed out. */
  attach(run: Run): Record<string, Msg> {
    const queries: Record<string, Msg> = {};
    for (const q of run.queries) {
      if (q.state !== 'waiting') continue;
      q.state = 'attached';
      queries[q.id] = q.query;
    }
    return queries;
  }

  /** The task ended (answered, failed or timed out): answers settle, unanswered ones wait again. */
  taskEnded(run: Run, results: Record<string, Msg> = {}): void {
    for (const [id, r] of Object.entries(results)) {
      const q = run.queries.find((x) => x.id === id);
      if (!q) continue;
      run.queries = run.queries.filter((x) => x !== q);
      if (r.resultType === 'QUERY_RESULT_TYPE_ANSWERED') q.resolve({ queryResult: r.answer });
      else q.reject(invalidArgument(r.errorMessage || failureMessage(r.failure) || 'query failed'));
    }
    for (const q of run.queries) if (q.state === 'attached') q.state = 'waiting';
  }

  dispatchLegacy(run: Run, queryId: string): Msg | null {
    const q = run.queries.find((x) => x.id === queryId);
    if (!q || q.state !== 'sent') return null;
    if (run.status === 'RUNNING' && run.wft) {
      q.state = 'waiting'; // a task got scheduled meanwhile: ride on it instead
      return null;
    }
    return {
      taskToken: encodeToken({ k: 'q', r: run.runId, q: q.id }),
      workflowExecution: { workflowId: run.workflowId, runId: run.runId },
      workflowType: { name: run.workflowType },
      previousStartedEventId: run.lastCompletedStartedEventId,
      startedEventId: run.lastCompletedStartedEventId,
      history: { events: run.history },
      query: q.query,
      workflowExecutionTaskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
    };
  }

  respondQueryTaskCompleted(req: Msg): Msg {
    const t = decodeToken(req.taskToken);
    if (t.k !== 'q') throw invalidArgument('Not a query task token.');
    const run = this.k.runs.get(t.r);
    const q = run?.queries.find((x) => x.id === t.q);
    if (!run || !q) throw notFound('query task not found');
    run.queries = run.queries.filter((x) => x !== q);
    if (req.completedType === 'QUERY_RESULT_TYPE_ANSWERED') q.resolve({ queryResult: req.queryResult });
    else q.reject(invalidArgument(req.errorMessage || failureMessage(req.failure) || 'query failed'));
    return {};
  }
}
