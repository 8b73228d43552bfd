// Entry point of `npm run qbwc:simulate`: a QuickBooks Web Connector run against any server,
// with the emulated QuickBooks company loaded from (and optionally saved back to) a JSON file.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCompanyFile, saveCompanyFile } from '@qb-b24/quickbooks-emulator';
import { runSimulation } from './run-simulation.js';

process.exitCode = await runSimulation(process.argv.slice(2), {
  // loadCompanyFile checks the JSON is a company file before QuickBooksCompany.fromJSON; saveCompanyFile writes toJSON().
  loadCompany: (path) => loadCompanyFile(resolve(path)),
  saveCompany: (company, path) => saveCompanyFile(company, resolve(path)),
  readFile: (path) => readFile(resolve(path), 'utf8'),
  print: (line) => process.stdout.write(`${line}\n`),
  env: process.env,
});
