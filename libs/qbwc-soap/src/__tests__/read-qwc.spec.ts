import { describe, expect, it } from 'vitest';
import { buildQwc, type QwcInput } from '../build-qwc.js';
import { readQwcFacts } from '../read-qwc.js';

const input: QwcInput = {
  appName: 'Connector',
  appUrl: 'https://sync.example.com/qbwc',
  appSupportUrl: 'https://sync.example.com/qbwc',
  appDescription: 'sync',
  userName: 'qbconnector',
  ownerId: '{87EDAAF8-637E-4203-867F-4BA79C2F8998}',
  fileId: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}',
};

describe('reading a .qwc we wrote', () => {
  it('reads the identity and the minute schedule', () => {
    expect(readQwcFacts(buildQwc({ ...input, runEveryMinutes: 15 }))).toEqual({ ownerId: input.ownerId, fileId: input.fileId, runEveryMinutes: 15 });
  });

  it('tells a file from before the Scheduler by its missing schedule', () => {
    expect(readQwcFacts(buildQwc(input))?.runEveryMinutes).toBeUndefined();
    expect(readQwcFacts(buildQwc(input))?.fileId).toBe(input.fileId);
  });

  it('refuses a DOCTYPE and anything that is not a QBWCXML document', () => {
    expect(readQwcFacts(`<!DOCTYPE x [<!ENTITY a "b">]>${buildQwc(input)}`)).toBeUndefined();
    expect(readQwcFacts('<other><OwnerID>x</OwnerID></other>')).toBeUndefined();
    expect(readQwcFacts('not xml at all <<<')).toBeUndefined();
  });
});
