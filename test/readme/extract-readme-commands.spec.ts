import { describe, expect, it } from 'vitest';
import { extractReadmeCommands } from './extract-readme-commands.js';

describe('README command extraction', () => {
  it('takes each shell-block line and inline command, splits &&, drops comments, and skips non-shell blocks', () => {
    const md = [
      'Start with `npm ci && npm start`, or see the',
      '`npm run qwc -- --url',
      'https://x.example` wrapped in prose; `PORT` is not a command.',
      '```sh',
      '# a comment',
      'npm run demo            # add -- --exit',
      '$ npm run bench -- \\',
      '  sync',
      '```',
      '```dotenv',
      'COMPANIES=acme',
      '```',
      '```bat',
      'nssm start Svc',
      '```',
    ].join('\n');
    expect(extractReadmeCommands(md)).toEqual([
      { command: 'npm run demo', line: 6 },
      { command: 'npm run bench -- sync', line: 8 },
      { command: 'nssm start Svc', line: 14 },
      { command: 'npm ci', line: 1 },
      { command: 'npm start', line: 1 },
      { command: 'npm run qwc -- --url https://x.example', line: 2 },
    ]);
  });
});
