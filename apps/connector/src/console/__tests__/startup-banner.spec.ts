import { describe, expect, it } from 'vitest';
import { bannerLines, bannerRecord, missingSetup, type StartFacts } from '../startup-banner.js';

const configured = {
  envPrefix: '',
  webhookConfigured: true,
  applicationTokenConfigured: true,
  pollSeconds: 300,
  webConnectorContacted: true,
  eventsReceived: true,
};

describe('start-up banner: what is still missing', () => {
  it('names the Bitrix24 variables to set when a fresh install has none', () => {
    const todo = missingSetup({ envPrefix: '', webhookConfigured: false, applicationTokenConfigured: false, pollSeconds: 300 });
    expect(todo).toEqual([
      'BITRIX24_WEBHOOK_URL is not set: nothing is sent to Bitrix24 until it is',
      'BITRIX24_APPLICATION_TOKEN is not set: Bitrix24 event webhooks are refused (Bitrix24 changes are found by polling every 300 s)',
    ]);
  });

  it('says when no outbound webhook event and no Web Connector run has arrived yet', () => {
    const todo = missingSetup({ ...configured, webConnectorContacted: false, eventsReceived: false });
    expect(todo).toEqual([
      'no Bitrix24 outbound webhook event received yet: check the outbound webhook in Bitrix24',
      'Web Connector has not connected yet: add the .qwc file in Web Connector and type the password',
    ]);
  });

  it('names the company variable when several companies are hosted', () => {
    expect(missingSetup({ ...configured, envPrefix: 'COMPANY_ACME_', webhookConfigured: false })[0]).toMatch(/^COMPANY_ACME_BITRIX24_WEBHOOK_URL is not set/);
  });

  it('has nothing to ask of a fully set-up company', () => {
    expect(missingSetup(configured)).toEqual([]);
  });
});

describe('start-up banner: where to go', () => {
  const single: StartFacts = {
    version: '1.2.3',
    rootUrl: 'https://sync.example.com',
    companies: [
      {
        publicUrl: 'https://sync.example.com',
        qwcFile: '/srv/qwc/connector.qwc',
        runEveryMinutes: 15,
        password: { file: '/srv/data/qbwc-password.secret' },
        todo: ['X is not set'],
      },
    ],
  };

  it('shows the dashboard and setup URLs, the .qwc and password files, and the to-do list', () => {
    const text = bannerLines(single).join('\n');
    expect(text).toContain('Dashboard:              https://sync.example.com/');
    expect(text).toContain('Setup:                  https://sync.example.com/setup');
    expect(text).toContain('/srv/qwc/connector.qwc (runs every 15 minutes)');
    expect(text).toContain('Web Connector password: in /srv/data/qbwc-password.secret');
    expect(text).toContain('  - X is not set');
  });

  it('names the variable, not a file, when the password comes from the environment', () => {
    const facts: StartFacts = { ...single, companies: single.companies.map((c) => ({ ...c, password: { env: 'QBWC_PASSWORD' }, todo: [] })) };
    expect(bannerLines(facts)).toContain('  Web Connector password: set by QBWC_PASSWORD');
    expect(bannerLines(facts)).toContain('  Nothing is missing.');
    expect(bannerRecord(facts)['companies']).toEqual([expect.objectContaining({ passwordFrom: 'QBWC_PASSWORD', setupUrl: 'https://sync.example.com/setup' })]);
  });

  it('gives one line per hosted company with its own setup URL, .qwc, password file and missing settings', () => {
    const multi: StartFacts = {
      version: '1.2.3',
      rootUrl: 'http://localhost:8080',
      companies: ['acme', 'beta'].map((id) => ({
        companyId: id,
        publicUrl: `http://localhost:8080/companies/${id}`,
        qwcFile: `/srv/qwc/${id}.qwc`,
        runEveryMinutes: 15,
        password: { file: `/srv/data/companies/${id}/qbwc-password.secret` },
        todo: id === 'beta' ? ['COMPANY_BETA_BITRIX24_WEBHOOK_URL is not set'] : [],
      })),
    };
    const lines = bannerLines(multi);
    expect(lines[1]).toBe('  Dashboard: http://localhost:8080/');
    expect(lines.filter((l) => l.startsWith('  acme: '))).toEqual([
      '  acme: setup http://localhost:8080/companies/acme/setup; .qwc /srv/qwc/acme.qwc (every 15 min); password in /srv/data/companies/acme/qbwc-password.secret; nothing missing',
    ]);
    expect(lines.find((l) => l.startsWith('  beta: '))).toContain('still to do: COMPANY_BETA_BITRIX24_WEBHOOK_URL is not set');
  });
});
