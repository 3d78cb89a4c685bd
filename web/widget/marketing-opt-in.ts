import type { GraphQLClient } from './api';

/*
 * The widget's marketing opt-in: an explicit checkbox, never pre-ticked, whose label (naming the
 * company) comes from the server, so the wording recorded as evidence is the wording shown. The
 * visitor gives the WhatsApp number the offers may go to. Hidden until the label has loaded.
 */

const optInText = `query { visitorMarketingOptIn { company wording } }`;
const optIn = `mutation($input: OptInToMarketingInput!) { optInToMarketing(input: $input) { __typename ... on OptInToMarketingPayload { phone } ... on Error { message } } }`;

export const optInMarkup = `<details class="optin" hidden><summary class="optin-summary"></summary><form class="optin-form">
    <label class="optin-check"><input type="checkbox" name="agreed" required> <span class="optin-text"></span></label>
    <span class="optin-row"><input type="tel" name="phone" required placeholder="+34 600 000 000" aria-label="WhatsApp number"><button type="submit">Subscribe</button></span>
    <span class="optin-status" role="status"></span></form></details>`;

// At the top of the conversation (it scrolls with the messages), collapsed to one line until opened.
export const optInStyles = `
.optin { padding: 6px 10px; border: 1px solid #d0d7de; border-radius: 8px; background: #fff; font-size: 13px; }
.optin[hidden] { display: none; }
.optin-summary { cursor: pointer; color: #0b5cad; }
.optin-form { display: flex; flex-direction: column; gap: 6px; padding-top: 6px; }
.optin-check { display: flex; gap: 6px; align-items: flex-start; }
.optin-row { display: flex; gap: 6px; }
.optin-row input { flex: 1; padding: 6px; border: 1px solid #d0d7de; border-radius: 8px; font: inherit; }
.optin button { border: 0; border-radius: 8px; background: #0b5cad; color: #fff; padding: 0 12px; }
`;

export async function showMarketingOptIn(client: GraphQLClient, box: HTMLDetailsElement, pageUrl: () => string): Promise<void> {
  const res = await client.request<{ visitorMarketingOptIn: { company: string; wording: string } }>(optInText);
  const form = box.querySelector<HTMLFormElement>('form')!;
  box.querySelector<HTMLElement>('.optin-summary')!.textContent = `Offers from ${res.visitorMarketingOptIn.company} on WhatsApp`;
  const agreed = form.querySelector<HTMLInputElement>('input[name="agreed"]')!;
  const phone = form.querySelector<HTMLInputElement>('input[name="phone"]')!;
  const status = form.querySelector<HTMLElement>('.optin-status')!;
  form.querySelector<HTMLElement>('.optin-text')!.textContent = res.visitorMarketingOptIn.wording;
  agreed.checked = false;
  box.hidden = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!agreed.checked) return;
    const url = /^https?:/.test(pageUrl()) ? pageUrl() : null;
    void client
      .request<{ optInToMarketing: { __typename: string; phone?: string; message?: string } }>(optIn, { input: { phone: phone.value.trim(), agreed: true, pageUrl: url } })
      .then((r) => {
        if (r.optInToMarketing.__typename !== 'OptInToMarketingPayload') return void (status.textContent = r.optInToMarketing.message ?? 'Could not subscribe.');
        status.textContent = `Subscribed: ${r.optInToMarketing.phone}. Reply STOP on WhatsApp to unsubscribe.`;
        agreed.disabled = phone.disabled = true;
      }, () => (status.textContent = 'Could not subscribe right now.'));
  });
}
