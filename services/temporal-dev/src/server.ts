import { Server, ServerCredentials, status, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { Engine } from './engine';
import { RpcError } from './errors';
import { workflowServiceDefinition, type Msg } from './proto';
import { createMemoryStore } from './store/memory';
import { createPostgresStore } from './store/postgres';
import { logger } from '@cc/core/logger';

export interface TemporalDevServerOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** PostgreSQL connection string; absent = in-memory (nothing survives a restart). */
  databaseUrl?: string;
  /** Default ['default']. */
  namespaces?: string[];
  /** Long polls answer empty after this many ms (default 60 s). */
  longPollMs?: number;
  /** Closed runs are forgotten this long after closing (default 24 h). */
  retentionMs?: number;
  log?: (msg: string) => void;
  /**
   * The server stopped on its own because it may no longer write (its PostgreSQL lock went to
   * another server while the connection was down). The owner should end the process so it can be
   * restarted. Without it, the error is only logged.
   */
  onFatal?: (error: Error) => void;
}

export interface TemporalDevServer {
  /** host:port to give `Connection.connect({ address })` / `NativeConnection.connect`. */
  address: string;
  /** Whether it can store state now (its database connection is up and holds the lock). */
  healthy(): boolean;
  stop(): Promise<void>;
}

type Handler = (req: Msg, call: ServerUnaryCall<Msg, Msg>) => Msg | Promise<Msg>;

/** Starts a Temporal frontend (WorkflowService) on host:port, backed by memory or PostgreSQL. */
export async function startTemporalDevServer(opts: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((m: string) => logger({ component: 'temporal-dev' }).warn(m));
  let stopServer: () => Promise<void> = async () => {};
  const lockLost = (e: Error) => {
    void stopServer().finally(() => (opts.onFatal ? opts.onFatal(e) : log(`temporal-dev: stopped: ${e.message}`)));
  };
  let flushAfterReconnect = () => {};
  const store = opts.databaseUrl
    ? await createPostgresStore(opts.databaseUrl, { log, onLockLost: lockLost, onReconnected: () => flushAfterReconnect() })
    : createMemoryStore();
  const engine = new Engine({ store, namespaces: opts.namespaces ?? ['default'], longPollMs: opts.longPollMs, retentionMs: opts.retentionMs, log });
  await engine.init();
  flushAfterReconnect = () => void engine.commit().catch(() => {});

  // Every state change is stored before the caller hears it succeeded.
  const mutate = (fn: (req: Msg) => Msg): Handler => async (req) => {
    const res = fn(req);
    await engine.commit();
    return res;
  };

  const handlers: Record<string, Handler> = {
    GetSystemInfo: () => ({
      serverVersion: '1.24.0-temporal-dev',
      capabilities: {
        signalAndQueryHeader: true,
        internalErrorDifferentiation: true,
        activityFailureIncludeHeartbeat: true,
        supportsSchedules: true,
        encodedFailureAttributes: true,
        upsertMemo: true,
        sdkMetadata: true,
      },
    }),
    DescribeNamespace: (req) => engine.describeNamespace(req.namespace || req.id || ''),
    ListNamespaces: () => ({ namespaces: engine.listNamespaces() }),
    GetClusterInfo: () => ({ clusterName: 'temporal-dev', serverVersion: '1.24.0-temporal-dev', clusterId: 'temporal-dev' }),
    StartWorkflowExecution: mutate((req) => {
      const r = engine.startWorkflowExecution(req);
      return { runId: r.runId, started: r.started, status: 'WORKFLOW_EXECUTION_STATUS_RUNNING' };
    }),
    SignalWithStartWorkflowExecution: mutate((req) => {
      if (!req.signalName) throw new RpcError(status.INVALID_ARGUMENT, 'SignalName is not set on request.');
      const r = engine.startWorkflowExecution(req, {
        name: req.signalName,
        input: req.signalInput,
        header: req.header,
        identity: req.identity,
      });
      return { runId: r.runId, started: r.started };
    }),
    SignalWorkflowExecution: mutate((req) => engine.signal(req)),
    RequestCancelWorkflowExecution: mutate((req) => engine.requestCancel(req)),
    TerminateWorkflowExecution: mutate((req) => engine.terminate(req)),
    DescribeWorkflowExecution: (req) => engine.describe(req),
    ListWorkflowExecutions: (req) => engine.list(req),
    ListOpenWorkflowExecutions: (req) => engine.list({ ...req, query: "ExecutionStatus = 'Running'" }),
    CountWorkflowExecutions: (req) => engine.count(req),
    GetWorkflowExecutionHistory: (req, call) => engine.history(req, () => call.cancelled),
    PollWorkflowTaskQueue: async (req, call) => {
      requireDeadline(call);
      const task = await engine.pollWorkflowTask(req, (cancel) => call.on('cancelled', cancel));
      await engine.commit();
      return task ?? {};
    },
    PollActivityTaskQueue: async (req, call) => {
      requireDeadline(call);
      const task = await engine.activities.poll(req, (cancel) => call.on('cancelled', cancel));
      await engine.commit();
      return task ?? {};
    },
    RespondWorkflowTaskCompleted: mutate((req) => engine.respondWorkflowTaskCompleted(req)),
    RespondWorkflowTaskFailed: mutate((req) => engine.respondWorkflowTaskFailed(req)),
    RespondQueryTaskCompleted: (req) => engine.queries.respondQueryTaskCompleted(req),
    QueryWorkflow: (req) => engine.queries.query(req),
    RecordActivityTaskHeartbeat: mutate((req) => engine.activities.heartbeat(req)),
    RecordActivityTaskHeartbeatById: mutate((req) => engine.activities.heartbeat(req, true)),
    RespondActivityTaskCompleted: mutate((req) => engine.activities.completed(req)),
    RespondActivityTaskCompletedById: mutate((req) => engine.activities.completed(req, true)),
    RespondActivityTaskFailed: mutate((req) => engine.activities.failed(req)),
    RespondActivityTaskFailedById: mutate((req) => engine.activities.failed(req, true)),
    RespondActivityTaskCanceled: mutate((req) => engine.activities.canceled(req)),
    RespondActivityTaskCanceledById: mutate((req) => engine.activities.canceled(req, true)),
    CreateSchedule: mutate((req) => engine.schedules.create(req)),
    DescribeSchedule: (req) => engine.schedules.describe(req),
    UpdateSchedule: mutate((req) => engine.schedules.update(req)),
    PatchSchedule: mutate((req) => engine.schedules.patch(req)),
    DeleteSchedule: mutate((req) => engine.schedules.delete(req)),
    ListSchedules: (req) => engine.schedules.list(req),
    ListScheduleMatchingTimes: (req) => engine.schedules.matchingTimes(req),
    UpdateWorkflowExecution: (req) => engine.updates.update(req),
    PollWorkflowExecutionUpdate: (req) => engine.updates.poll(req),
    ShutdownWorker: (req) => {
      engine.shutdownWorker(req.identity);
      return {};
    },
  };

  const impl: Record<string, (call: ServerUnaryCall<Msg, Msg>, cb: sendUnaryData<Msg>) => void> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    impl[name] = (call, cb) => {
      let result: Msg | Promise<Msg>;
      try {
        result = handler(call.request ?? {}, call);
      } catch (e) {
        cb(toGrpcError(e, name, log));
        return;
      }
      Promise.resolve(result).then(
        (r) => cb(null, r),
        (e: unknown) => cb(toGrpcError(e, name, log)),
      );
    };
  }

  const server = new Server({
    'grpc.max_receive_message_length': 128 * 1024 * 1024,
    'grpc.max_send_message_length': 128 * 1024 * 1024,
  });
  server.addService(workflowServiceDefinition(), impl);
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${opts.port ?? 7233}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
  } catch (e) {
    await engine.close(); // releases the database (and its lock)
    throw e;
  }

  let stopped: Promise<void> | null = null;
  const shutdown = async () => {
    await engine.close();
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 2000);
      server.tryShutdown(() => {
        clearTimeout(t);
        resolve();
      });
    });
  };
  stopServer = () => (stopped ??= shutdown());
  return { address: `${host}:${port}`, healthy: () => !stopped && store.healthy(), stop: () => stopServer() };
}

/** Long polls without a client deadline are refused, as the real frontend does (its exact words). */
function requireDeadline(call: ServerUnaryCall<Msg, Msg>): void {
  const d = call.getDeadline();
  if (d === Infinity || (d instanceof Date && !Number.isFinite(d.getTime()))) throw new RpcError(status.INVALID_ARGUMENT, 'Context timeout is not set.');
}

function toGrpcError(e: unknown, method: string, log: (m: string) => void) {
  if (e instanceof RpcError) return e.toServiceError();
  log(`temporal-dev: ${method} failed: ${(e as Error)?.stack ?? String(e)}`);
  return new RpcError(status.INTERNAL, `${method}: ${(e as Error)?.message ?? String(e)}`).toServiceError();
}
