/** The co-browse operations the customer's page sends (authenticated by its `ccb_` token after the first). */

const session = 'id status code currentUrl';

export const startShare = `mutation($input: StartCobrowseShareInput!) { startCobrowseShare(input: $input) { __typename
  ... on StartCobrowseSharePayload { token session { ${session} } } ... on Error { message } } }`;
export const openInvite = `mutation($input: OpenCobrowseInviteInput!) { openCobrowseInvite(input: $input) { __typename
  ... on OpenCobrowseInvitePayload { token agentName agentTeam session { ${session} } } ... on Error { message } } }`;
export const accept = `mutation($input: AcceptCobrowseInput!) { acceptCobrowse(input: $input) { __typename ... on Error { message } } }`;
export const sendEvents = `mutation($input: SendCobrowseEventsInput!) { sendCobrowseEvents(input: $input) { __typename
  ... on SendCobrowseEventsPayload { accepted seq } ... on Error { message } } }`;
export const end = `mutation($input: EndCobrowseInput!) { endCobrowse(input: $input) { __typename ... on Error { message } } }`;
export const current = `query($id: ID!) { cobrowseSession(id: $id) { ${session} } }`;
export const customerEvents = `subscription($sessionId: ID!) { cobrowseCustomerEvents(sessionId: $sessionId) { kind agentName agentTeam guidance endReason } }`;

export type Status = 'WAITING_FOR_AGENT' | 'INVITED' | 'PENDING_CONSENT' | 'ACTIVE' | 'ENDED';
export type EndReason = 'CUSTOMER_STOPPED' | 'AGENT_ENDED' | 'CALL_ENDED' | 'EXPIRED' | 'LIMIT_EXCEEDED';
export interface Session { id: string; status: Status; code: string | null; currentUrl: string | null }
export interface Refusal { __typename: string; message?: string }
export type StartShare = { startCobrowseShare: Refusal & { token?: string; session?: Session } };
export type OpenInvite = { openCobrowseInvite: Refusal & { token?: string; agentName?: string | null; agentTeam?: string | null; session?: Session } };
/** What the agent asks for, as the agent's console sends it (document coordinates, CSS selector). */
export interface Guidance { kind: 'POINTER' | 'HIGHLIGHT' | 'SCROLL_TO' | 'NAVIGATE'; x?: number | null; y?: number | null; selector?: string | null; url?: string | null }
export interface CustomerEvent {
  cobrowseCustomerEvents: { kind: 'JOIN_REQUEST' | 'GUIDANCE' | 'SNAPSHOT_REQUEST' | 'ENDED'; agentName: string | null; agentTeam: string | null; guidance: Guidance | null; endReason: EndReason | null };
}
