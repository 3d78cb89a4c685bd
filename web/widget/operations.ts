/** The GraphQL operations the widget uses (all visitor-scoped except startVisit). */

const chatFields = 'id waiting agentName messages { id author body at agentName }';

export const startVisit = `mutation($input: StartVisitInput!) { startVisit(input: $input) { __typename
  ... on VisitPayload { visitorToken visitorId visits agentsAvailable triggers { id urlPattern minSecondsOnPage minIdleSeconds minVisits message } chat { ${chatFields} } }
  ... on Error { message } } }`;
export const visitorChat = `query { visitorChat { ${chatFields} } }`;
export const sendMessage = `mutation($input: SendVisitorMessageInput!) { sendVisitorMessage(input: $input) { __typename
  ... on VisitorMessagePayload { chatMessage { id author body at agentName } } ... on Error { message } } }`;
export const typing = `mutation($typing: Boolean!) { setVisitorTyping(input: { typing: $typing }) }`;
export const claim = `mutation($id: String!) { claimProactiveChat(input: { triggerId: $id }) { approach message } }`;
export const leaveEmail = `mutation($input: LeaveEmailInput!) { leaveEmail(input: $input) { __typename ... on Error { message } } }`;
export const events = `subscription { visitorChatEvents { message { id author body at agentName } agentTyping agentJoined ended } }`;

export type Author = 'VISITOR' | 'AGENT';
export interface ChatMessage { id: string; author: Author; body: string; at: string; agentName: string | null }
export interface Chat { id: string; waiting: boolean; agentName: string | null; messages: ChatMessage[] }
export interface Rule { id: string; urlPattern: string | null; minSecondsOnPage: number | null; minIdleSeconds: number | null; minVisits: number | null; message: string }
export interface Visit { __typename: string; message?: string; visitorToken: string; visitorId: string; visits: number; agentsAvailable: boolean; triggers: Rule[]; chat: Chat | null }
export interface ChatEvent { visitorChatEvents: { message: ChatMessage | null; agentTyping: boolean | null; agentJoined: string | null; ended: boolean } }
