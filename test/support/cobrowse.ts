/**
 * Co-browse in tests and benchmarks: the GraphQL operations as the widget and the console send
 * them, and synthetic rrweb events (rrweb 2.x shapes) of realistic size: a page of N elements, its
 * mutations, the customer typing.
 */

export const cobrowseOps = {
  startShare: `mutation($input: StartCobrowseShareInput!) { startCobrowseShare(input: $input) { __typename ... on StartCobrowseSharePayload { token session { id code codeExpiresAt status } } ... on Error { message } } }`,
  openInvite: `mutation($input: OpenCobrowseInviteInput!) { openCobrowseInvite(input: $input) { __typename ... on OpenCobrowseInvitePayload { token agentName agentTeam session { id status } } ... on Error { message } } }`,
  accept: `mutation($input: AcceptCobrowseInput!) { acceptCobrowse(input: $input) { __typename ... on AcceptCobrowsePayload { session { id status consentedAt } } ... on Error { message } } }`,
  send: `mutation($input: SendCobrowseEventsInput!) { sendCobrowseEvents(input: $input) { __typename ... on SendCobrowseEventsPayload { accepted seq masked } ... on CobrowseEventsRefusedError { reason } ... on Error { message } } }`,
  end: `mutation($input: EndCobrowseInput!) { endCobrowse(input: $input) { __typename ... on EndCobrowsePayload { session { id status endReason } } ... on Error { message } } }`,
  customerEvents: `subscription($id: ID!) { cobrowseCustomerEvents(sessionId: $id) { kind agentName agentTeam guidance endReason } }`,
  invite: `mutation($input: InviteToCobrowseInput!) { inviteToCobrowse(input: $input) { __typename ... on InviteToCobrowsePayload { session { id status invitation { id status links { shortUrl url } } } } ... on Error { message } } }`,
  join: `mutation($input: JoinCobrowseByCodeInput!) { joinCobrowseByCode(input: $input) { __typename ... on JoinCobrowseByCodePayload { session { id status agent { id } interaction { id } } } ... on TooManyRequestsError { retryAfterSeconds } ... on Error { message } } }`,
  guide: `mutation($input: SendCobrowseGuidanceInput!) { sendCobrowseGuidance(input: $input) { __typename ... on SendCobrowseGuidancePayload { guidance } ... on CobrowseNavigationNotAllowedError { host } ... on Error { message } } }`,
  snapshot: `mutation($input: RequestCobrowseSnapshotInput!) { requestCobrowseSnapshot(input: $input) }`,
  agentEvents: `subscription($id: ID!) { cobrowseEvents(sessionId: $id) { kind seq events url session { status endReason pagesVisited } } }`,
  agentEventsLean: `subscription($id: ID!) { cobrowseEvents(sessionId: $id) { kind seq events } }`,
  session: `query($id: ID!) { cobrowseSession(id: $id) { id status currentUrl pagesVisited consentedAt endedAt endReason consent } }`,
  figures: `query($since: DateTime!) { cobrowseFigures(since: $since) { sessions callsWithCobrowse medianDurationSeconds } }`,
};

export interface CustomerEvent {
  cobrowseCustomerEvents: { kind: string; agentName: string | null; agentTeam: string | null; guidance: Record<string, unknown> | null; endReason: string | null };
}
export interface AgentBatch {
  cobrowseEvents: { kind: string; seq: number; events: RrwebEvent[]; url: string | null; session?: { status: string; endReason: string | null; pagesVisited: string[] } };
}

export type RrwebEvent = { type: number; data: Record<string, unknown>; timestamp: number };

/** rrweb Meta event: the page's address and viewport, sent before each full snapshot. */
export function meta(href: string, timestamp = Date.now()): RrwebEvent {
  return { type: 4, data: { href, width: 1280, height: 800 }, timestamp };
}

/** A form field of a snapshot, as rrweb serializes it (its value among its attributes). */
export interface FormField {
  id: number;
  tagName?: 'input' | 'textarea' | 'select';
  attributes: Record<string, string>;
}

/**
 * A FullSnapshot of a page with `elements` elements (rows of a product list: a div with a class,
 * a span of text each, ids from 10) and, optionally, a form input carrying `inputValue` and
 * form `fields` of given ids.
 */
export function fullSnapshot(elements: number, opts: { inputValue?: string; fields?: FormField[]; timestamp?: number } = {}): RrwebEvent {
  let id = 10;
  const rows = Array.from({ length: elements }, (_, i) => ({
    type: 2,
    tagName: 'div',
    attributes: { class: `product-row row-${i % 7}`, 'data-sku': `SKU-${100000 + i}` },
    childNodes: [{ type: 3, textContent: `Producto ${i}: zapatillas de running talla ${36 + (i % 10)} — 59,90 €`, id: id++ }],
    id: id++,
  }));
  const form = [
    ...(opts.inputValue !== undefined ? [{ type: 2, tagName: 'input', attributes: { type: 'text', name: 'card', value: opts.inputValue }, childNodes: [], id: id++ }] : []),
    ...(opts.fields ?? []).map((f) => ({ type: 2, tagName: f.tagName ?? 'input', attributes: f.attributes, childNodes: [], id: f.id })),
  ];
  return {
    type: 2,
    data: {
      node: {
        type: 0,
        childNodes: [
          { type: 1, name: 'html', publicId: '', systemId: '', id: 2 },
          { type: 2, tagName: 'html', attributes: { lang: 'es' }, childNodes: [{ type: 2, tagName: 'body', attributes: {}, childNodes: [...rows, ...form], id: 4 }], id: 3 },
        ],
        id: 1,
      },
      initialOffset: { left: 0, top: 0 },
    },
    timestamp: opts.timestamp ?? Date.now(),
  };
}

/** An IncrementalSnapshot Mutation: `changes` text changes and class flips among the page's elements. */
export function mutation(changes: number, round = 0, timestamp = Date.now()): RrwebEvent {
  return {
    type: 3,
    data: {
      source: 0,
      texts: Array.from({ length: changes }, (_, i) => ({ id: 11 + 2 * ((round * changes + i) % 500), value: `Producto ${i}: quedan ${(round + i) % 9} unidades — 59,90 €` })),
      attributes: Array.from({ length: changes }, (_, i) => ({ id: 10 + 2 * ((round * changes + i) % 500), attributes: { class: `product-row ${round % 2 ? 'highlight' : 'dim'}` } })),
      removes: [],
      adds: [],
    },
    timestamp,
  };
}

/** The form values of a snapshot as it arrived, by node id. */
export function fieldValues(snapshot: RrwebEvent): Record<number, string> {
  const values: Record<number, string> = {};
  const stack = [snapshot.data.node as { id: number; attributes?: { value?: unknown }; childNodes?: unknown[] }];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.attributes?.value === 'string') values[n.id] = n.attributes.value;
    stack.push(...((n.childNodes ?? []) as typeof stack));
  }
  return values;
}

/** A Mutation changing attributes of one node (a removed attribute is null). */
export function attributeChange(id: number, attributes: Record<string, string | null>, timestamp = Date.now()): RrwebEvent {
  return { type: 3, data: { source: 0, texts: [], attributes: [{ id, attributes }], removes: [], adds: [] }, timestamp };
}

/** The customer typing in a field (rrweb Input). The widget sends masked text ('*'); an old or broken widget would not. */
export function input(id: number, text: string, timestamp = Date.now()): RrwebEvent {
  return { type: 3, data: { source: 5, id, text, isChecked: false }, timestamp };
}

/** A canvas drawing (CanvasMutation): never accepted. */
export function canvas(timestamp = Date.now()): RrwebEvent {
  return { type: 3, data: { source: 9, id: 12, type: 0, commands: [{ property: 'fillRect', args: [0, 0, 10, 10] }] }, timestamp };
}
