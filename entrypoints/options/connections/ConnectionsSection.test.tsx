// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { SidecarError } from '../../../lib/messages/envelope';
import type { ConnectionsStatus } from '../../../lib/messages/options';
import { answer, deferred, renderOptions, requests } from '../test-helpers';
import { ConnectionsSection } from './ConnectionsSection';

vi.mock('../../../lib/ui/options-messaging', () => ({ call: vi.fn() }));

const disconnected: ConnectionsStatus = {
  hubspot: { connected: false },
  salesforce: { connected: false, mode: 'session', noteMode: 'ContentNote' },
};
const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';

afterEach(cleanup);
beforeEach(() => vi.clearAllMocks());

function hubspotCard() {
  return within(screen.getByRole('group', { name: 'HubSpot' }));
}
function salesforceCard() {
  return within(screen.getByRole('group', { name: 'Salesforce' }));
}

describe('HubSpot', () => {
  test('saving tests the token with a busy state, then shows the portal and forgets the token', async () => {
    const pending = deferred<ConnectionsStatus['hubspot']>();
    answer({ 'connections.status': () => disconnected, 'hubspot.connect': () => pending.promise });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    expect(await card.findByText('Not connected')).toBeTruthy();

    const field = card.getByLabelText('Service Key or private-app token') as HTMLInputElement;
    expect(field.type).toBe('password');
    const save = card.getByRole('button', { name: 'Save and test' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.type(field, TOKEN);
    await user.click(save);

    const busy = await card.findByRole('button', { name: /Testing the key/ });
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    expect(requests('hubspot.connect')).toEqual([{ token: TOKEN }]);

    pending.resolve({ connected: true, portalId: '24681357', connectedAt: '2026-11-23T05:02:00.000Z' });
    expect(await card.findByText(/Connected to portal 24681357/)).toBeTruthy();
    expect(card.getByText('Connected')).toBeTruthy();
    // Never echoed back: the field is empty and the token appears nowhere on the page.
    expect(field.value).toBe('');
    expect(document.body.textContent).not.toContain(TOKEN);
    expect(field.placeholder).toBe('Saved (hidden)');
  });

  test.each([
    ['a rejected key', 'auth', 'HubSpot rejected the key: it has been rotated, deleted or is mistyped.'],
    ['a missing scope', 'forbidden', 'The HubSpot key lacks the scope "crm.objects.companies.read". Add it to the Service Key in HubSpot (Development → Keys → Service keys → your key).'],
    ['the network', 'network', 'Could not reach api.hubapi.com. Check your connection and try again.'],
  ])('shows %s as the background words it, with no stack', async (_name, code, message) => {
    answer({
      'connections.status': () => disconnected,
      'hubspot.connect': () => {
        throw new SidecarError(code, message);
      },
    });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    await user.type(await card.findByLabelText('Service Key or private-app token'), TOKEN);
    await user.click(card.getByRole('button', { name: 'Save and test' }));

    const alert = await card.findByRole('alert');
    expect(alert.textContent).toContain('HubSpot did not accept the key');
    expect(alert.textContent).toContain(message);
    expect(alert.textContent).toContain(`Code: ${code}`);
    expect(alert.textContent).not.toMatch(/at \w+ \(|\.ts:\d+/);
    expect(card.getByText('Not connected')).toBeTruthy();
    // The typed token stays so a typo can be fixed, still masked.
    expect((card.getByLabelText('Service Key or private-app token') as HTMLInputElement).value).toBe(TOKEN);
  });

  test('guides to a Service Key: where to create it, and each scope with what it is for', async () => {
    answer({ 'connections.status': () => disconnected });
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    const guide = within(await card.findByTestId('hubspot-guide'));
    expect(guide.getByText(/Development → Keys → Service keys/)).toBeTruthy();
    expect(card.getByText(/private app you already have works too/)).toBeTruthy();
    const rows = guide.getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/^crm\.objects\.companies\.readrequiredRead the company/),
      expect.stringMatching(/^crm\.objects\.contacts\.readrequiredFind the company of a contact page/),
      expect.stringMatching(/^crm\.objects\.deals\.readrequiredFind the company of a deal page/),
      expect.stringMatching(/^crm\.objects\.contacts\.writeto save notesCreate, edit and delete the notes/),
      expect.stringMatching(/^ticketsoptionalCount the company’s tickets/),
      expect.stringMatching(/^crm\.objects\.owners\.readoptionalShow the names of company owners/),
    ]);
  });

  test('a key that cannot name its portal (no oauth scope, no company yet) still shows as connected', async () => {
    answer({ 'connections.status': () => ({ ...disconnected, hubspot: { connected: true, connectedAt: '2026-11-23T05:02:00.000Z' } }) });
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    expect(await card.findByText(/Connected to HubSpot \(the portal number shows once the account has a company\)/)).toBeTruthy();
    expect(card.queryByTestId('hubspot-guide')).toBeNull();
  });

  test("a failure shows HubSpot's request ID for support", async () => {
    answer({
      'connections.status': () => disconnected,
      'hubspot.connect': () => {
        throw new SidecarError('server', 'HubSpot had a server error (HTTP 500).', { crm: 'hubspot', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' });
      },
    });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    await user.type(await card.findByLabelText('Service Key or private-app token'), TOKEN);
    await user.click(card.getByRole('button', { name: 'Save and test' }));
    expect((await card.findByRole('alert')).textContent).toContain('Request ID for support: aeb5f871-7f07-4993-9211-075dc63e7cbf');
  });

  test('a connection that broke since shows its last error; disconnect clears it', async () => {
    answer({
      'connections.status': () => ({
        ...disconnected,
        hubspot: {
          connected: true,
          portalId: '24681357',
          connectedAt: '2026-11-01T00:00:00.000Z',
          lastError: { code: 'auth', message: 'HubSpot rejected the key: it has been rotated, deleted or is mistyped.' },
        },
      }),
      'hubspot.disconnect': () => ({ connected: false }),
    });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = hubspotCard();
    expect((await card.findByRole('alert')).textContent).toContain('rotated, deleted or is mistyped');
    await user.click(card.getByRole('button', { name: 'Disconnect' }));
    expect(await card.findByText('Not connected')).toBeTruthy();
    expect(card.queryByRole('alert')).toBeNull();
    expect(requests('hubspot.disconnect')).toHaveLength(1);
  });
});

describe('Salesforce', () => {
  test('OAuth mode asks for My Domain and client id, shows the redirect URL, then configures and signs in', async () => {
    vi.spyOn(browser.identity, 'getRedirectURL').mockReturnValue('https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/');
    answer({
      'connections.status': () => disconnected,
      'salesforce.configure': (cfg) => ({ connected: false, ...cfg }),
      'salesforce.connect': () => ({
        connected: true,
        mode: 'oauth',
        myDomain: 'acme.my.salesforce.com',
        clientId: '3MVG9abc',
        noteMode: 'Task',
        connectedAt: '2026-11-23T05:00:00.000Z',
      }),
    });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = salesforceCard();
    await user.click(await card.findByLabelText(/OAuth 2.0 with PKCE/));
    const redirect = card.getByLabelText('Callback URL to register') as HTMLInputElement;
    expect(redirect.readOnly).toBe(true);
    expect(redirect.value).toBe('https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/');

    const submit = card.getByRole('button', { name: 'Save and sign in' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(card.getByLabelText('My Domain'), 'https://acme.my.salesforce.com/lightning');
    await user.type(card.getByLabelText('Consumer key (client id)'), '3MVG9abc');
    await user.click(card.getByLabelText(/Completed tasks/));
    await user.click(submit);

    expect(await card.findByText('Connected to acme.my.salesforce.com with OAuth', { exact: false })).toBeTruthy();
    expect(requests('salesforce.configure')).toEqual([{ mode: 'oauth', myDomain: 'acme.my.salesforce.com', clientId: '3MVG9abc', noteMode: 'Task' }]);
    expect(requests('salesforce.connect')).toHaveLength(1);
  });

  test('a host that is not a My Domain is refused before anything is sent', async () => {
    answer({ 'connections.status': () => disconnected });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = salesforceCard();
    await user.click(await card.findByLabelText(/OAuth 2.0 with PKCE/));
    await user.type(card.getByLabelText('My Domain'), 'login.example.com');
    await user.type(card.getByLabelText('Consumer key (client id)'), 'abc');
    expect(card.getByText(/Enter the My Domain host/)).toBeTruthy();
    expect((card.getByRole('button', { name: 'Save and sign in' }) as HTMLButtonElement).disabled).toBe(true);
    expect(requests('salesforce.configure')).toHaveLength(0);
  });

  test('session mode: a missing session is shown with what to do', async () => {
    const message = 'No Salesforce session found. Sign in to Salesforce in this browser, then try again.';
    answer({
      'connections.status': () => disconnected,
      'salesforce.configure': (cfg) => ({ connected: false, ...cfg }),
      'salesforce.connect': () => {
        throw new SidecarError('salesforce-no-session', message);
      },
    });
    const user = userEvent.setup();
    renderOptions(<ConnectionsSection />);
    const card = salesforceCard();
    await user.click(await card.findByRole('button', { name: 'Save and check the session' }));
    const alert = await card.findByRole('alert');
    expect(alert.textContent).toContain('Salesforce could not be connected');
    expect(alert.textContent).toContain(message);
    expect(requests('salesforce.configure')).toEqual([{ mode: 'session', noteMode: 'ContentNote' }]);
  });
});

test('Japanese', async () => {
  answer({ 'connections.status': () => disconnected });
  renderOptions(<ConnectionsSection />, 'ja');
  await waitFor(() => expect(screen.getAllByText('未接続')).toHaveLength(2));
  expect(screen.getByLabelText('サービスキーまたは非公開アプリのトークン')).toBeTruthy();
  expect(screen.getByText(/［開発］→［キー］→［サービスキー］/)).toBeTruthy();
  expect(screen.getByText('メモの保存に必要')).toBeTruthy();
});
