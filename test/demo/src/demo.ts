import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { formatSummary } from './demo-summary.js';
import { runDemo } from './run-demo.js';

/** `npm run demo [-- --exit] [-- --port N]`: the whole product on emulators, with a summary. */
async function main(argv: readonly string[]): Promise<void> {
  const exit = argv.includes('--exit');
  const portArg = argv[argv.indexOf('--port') + 1];
  const port = argv.includes('--port') && portArg !== undefined ? Number(portArg) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes a number between 0 and 65535');
  console.log('Starting the Bitrix24 portal emulator, the connector and the QuickBooks sample company…');
  // Warnings and errors only, as readable text, so the summary stays the main output.
  const logger = new ConsoleLogger('Connector', { logLevels: ['fatal', 'error', 'warn'], colors: false });
  const run = await runDemo({ port, logger });
  console.log(`\n${formatSummary(run.summary)}\n`);
  console.log(`Dashboard:   ${run.url}/`);
  console.log(`Admin token: in ${run.adminTokenFile} (paste it into the dashboard's Admin token field)`);
  console.log(`Bitrix24 emulator: ${new URL(run.portal.webhookUrl).origin} · metrics: ${run.url}/metrics · API docs: ${run.url}/docs`);
  const ok = run.summary.toQuickBooks.arrived && run.summary.sessions.every((s) => s === 'completed');
  if (exit) {
    await run.stop();
    process.exitCode = ok ? 0 : 1;
    return;
  }
  console.log('\nRunning. Press Ctrl+C to stop (the temporary data folder is removed).');
  // Ctrl+C arrives as SIGINT on Windows consoles too.
  process.once('SIGINT', () => {
    run.stop().then(
      () => process.exit(ok ? 0 : 1),
      (err: unknown) => {
        console.error(err instanceof Error ? err.message : String(err));
        process.exit(1);
      },
    );
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
